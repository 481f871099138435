import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import connectPgSimple from 'connect-pg-simple';
import express from 'express';
import session from 'express-session';
import hbs from 'hbs';
import { AppConfig } from '@app/config';
import { addPlanContentSchema } from '@app/plans';
import { accessLogMiddleware, createLogger, createValidationPipe, DomainErrorFilter, projectPath, requestIdMiddleware } from '@app/common';
import { securityHeaders } from './security-headers';
import { csrfMiddleware } from './web/csrf';
import { SessionPool } from './web/session-pool';
import { registerViewHelpers } from './web/view-helpers';

/** Everything an app instance needs around its modules: the same for the server and the tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  const logger = createLogger(config.logLevel);
  app.useLogger(logger);
  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  app.use(requestIdMiddleware);
  // Body parsers before the CSRF check, which reads the form's _csrf field.
  app.use(express.json({ limit: '5mb' }));
  app.use(express.urlencoded({ extended: false, limit: '5mb' }));

  const PgStore = connectPgSimple(session);
  app.use(
    session({
      name: 'kehoach.sid',
      store: new PgStore({ pool: app.get(SessionPool).pool, tableName: 'web_session', createTableIfMissing: false, pruneSessionInterval: 600 }),
      secret: config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      // rolling: every request pushes the expiry further, so the session ends after idle time.
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.trustProxy ? 'auto' : false, maxAge: config.sessionIdleMinutes * 60_000 },
    }),
  );
  app.use(csrfMiddleware);
  app.use(accessLogMiddleware(logger));

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());

  app.useStaticAssets(projectPath('apps', 'server', 'public'), { prefix: '/static/' });
  app.setBaseViewsDir(projectPath('apps', 'server', 'views'));
  app.setViewEngine('hbs');
  hbs.registerPartials(projectPath('apps', 'server', 'views', 'partials'));
  registerViewHelpers(hbs);
  app.set('view options', { layout: 'layouts/main' });

  const openApi = new DocumentBuilder()
    .setTitle('kehoach API')
    .setDescription('Soạn thảo, duyệt, ký, ban hành và triển khai kế hoạch')
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, openApi);
  for (const extend of openApiExtensions) extend(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

type OpenApiDocument = ReturnType<typeof SwaggerModule.createDocument>;
/** Domains that add to the OpenAPI document (for example the plan content JSON Schema). */
export const openApiExtensions: ((document: OpenApiDocument) => void)[] = [];
openApiExtensions.push(addPlanContentSchema);
