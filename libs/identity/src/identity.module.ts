import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { AuthService } from './auth/auth.service';
import { StepUpService } from './auth/step-up.service';
import { AuthenticationGuard } from './auth/authentication.guard';
import { PasswordStrategy, TokenStrategy } from './auth/strategies';
import { AuthController } from './controllers/auth.controller';
import { OrganizationsController } from './controllers/organizations.controller';
import { AuthoritiesController, UsersController } from './controllers/users.controller';
import { DemoLoaderService } from './demo/demo-loader.service';
import { ApiToken } from './entities/api-token.entity';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { SignInAttempt } from './entities/sign-in-attempt.entity';
import { StepUpFailure } from './entities/step-up-failure.entity';
import { SigningAuthority } from './entities/signing-authority.entity';
import { User } from './entities/user.entity';
import { AdministrationScope } from './services/administration-scope';
import { OrganizationsService } from './services/organizations.service';
import { UsersService } from './services/users.service';

/** Organizations, people, roles, signing authorities and sign-in. */
@Module({
  imports: [
    PassportModule,
    AuditModule,
    TypeOrmModule.forFeature([Organization, User, Membership, SigningAuthority, ApiToken, SignInAttempt, StepUpFailure]),
  ],
  controllers: [AuthController, OrganizationsController, UsersController, AuthoritiesController],
  providers: [
    AdministrationScope,
    OrganizationsService,
    UsersService,
    AuthService,
    StepUpService,
    PasswordStrategy,
    TokenStrategy,
    DemoLoaderService,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AdministrationScope, OrganizationsService, UsersService, AuthService, StepUpService, DemoLoaderService, TypeOrmModule],
})
export class IdentityModule {}
