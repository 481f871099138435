import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { loadDemoData } from './demo';

/** Builds, configures and initializes the application (migrations run during init). */
export async function createServerApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  await app.init();
  if (config.loadsDemoData) await loadDemoData(app);
  return app;
}
