import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserSummary } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Audit } from '../audit/audit.decorator';
import { CreateUserDto, SetPasswordDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<UserSummary[]> {
    return this.users.list();
  }

  @Audit('user.create', { resource: 'user', change: true })
  @Post()
  create(@Body() body: CreateUserDto): Promise<UserSummary> {
    return this.users.create(body);
  }

  @Audit('user.update', { resource: 'user', idParam: 'id', change: true })
  @Patch(':id')
  update(@CurrentUserParam() actor: AuthenticatedUser, @Param('id', parseId('User')) id: string, @Body() body: UpdateUserDto): Promise<UserSummary> {
    return this.users.update(actor, id, body);
  }

  @Audit('user.password_reset', { resource: 'user', idParam: 'id' })
  @Post(':id/password')
  @HttpCode(204)
  async setPassword(@Param('id', parseId('User')) id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.users.setPassword(id, body.password);
  }
}
