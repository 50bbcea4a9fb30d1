import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Me, UserView } from '@floorwatch/contracts';
import { jsonSchemaOf, validate } from '../common/validation';
import { createUserSchema, patchUserSchema } from './auth.dto';
import { requireAction } from './authorize';
import { CurrentUser } from './current-user.decorator';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentUser() user: Me): Promise<UserView[]> {
    requireAction(user, 'admin:users');
    return this.users.list();
  }

  @Post()
  @ApiBody({ schema: jsonSchemaOf(createUserSchema) })
  create(@CurrentUser() user: Me, @Body() body: unknown): Promise<UserView> {
    requireAction(user, 'admin:users');
    return this.users.createUser(validate(createUserSchema, body));
  }

  /** A new password or `disabled: true` ends the user's tokens and live sockets at once. */
  @Patch(':username')
  @ApiBody({ schema: jsonSchemaOf(patchUserSchema) })
  update(@CurrentUser() user: Me, @Param('username') username: string, @Body() body: unknown): Promise<UserView> {
    requireAction(user, 'admin:users');
    const patch = validate(patchUserSchema, body);
    // An admin locking themselves out would leave nobody to undo it.
    if (username === user.username && patch.disabled) throw new BadRequestException({ statusCode: 400, message: 'disabled: you cannot disable yourself', field: 'disabled' });
    return this.users.updateUser(username, patch);
  }

  @Delete(':username')
  @HttpCode(204)
  async remove(@CurrentUser() user: Me, @Param('username') username: string): Promise<void> {
    requireAction(user, 'admin:users');
    if (username === user.username) throw new BadRequestException({ statusCode: 400, message: 'username: you cannot delete yourself', field: 'username' });
    await this.users.deleteUser(username);
  }
}
