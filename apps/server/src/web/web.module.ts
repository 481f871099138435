import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { HomeController } from './home.controller';
import { SessionPool } from './session-pool';
import { WebAuthController } from './web-auth.controller';

/** The server-rendered web UI (Handlebars views, a little JavaScript). */
@Module({
  imports: [IdentityModule],
  controllers: [WebAuthController, HomeController],
  providers: [SessionPool],
  exports: [SessionPool],
})
export class WebModule {}
