import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
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

  @Patch(':username')
  @ApiBody({ schema: jsonSchemaOf(patchUserSchema) })
  update(@CurrentUser() user: Me, @Param('username') username: string, @Body() body: unknown): Promise<UserView> {
    requireAction(user, 'admin:users');
    return this.users.updateUser(username, validate(patchUserSchema, body));
  }
}
