import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'floorwatch:isPublic';

/** Marks a route or controller as open without a token (login, health, metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
