import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'floorwatch:isPublic';

/** Marks a route or controller as open without a token (login, health, metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const PASSWORD_CHANGE_PENDING_OK = 'floorwatch:passwordChangePendingOk';

/**
 * Routes a user who must change their password may still call (me, me/password, logout); every
 * other route answers 403 until they have.
 */
export const AllowPendingPasswordChange = (): MethodDecorator & ClassDecorator => SetMetadata(PASSWORD_CHANGE_PENDING_OK, true);
