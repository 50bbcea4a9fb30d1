import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtSecretService } from './jwt-secret.service';
import { LoginLimiter } from './login-limiter';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Login, `me`, users, and the global JWT guard. Exports AuthService (verifyToken for the live
 * gateway) and UsersService (demo seeding). Needs a TypeORM DataSource from the DatabaseModule.
 */
@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController, UsersController],
  providers: [AuthService, JwtSecretService, UsersService, LoginLimiter, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
