import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserSummary } from '@kpi/contracts';
import { Roles } from '../auth/auth.decorators';
import { UsersRepository } from '../auth/users.repository';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @Roles('admin')
  @Get()
  list(): Promise<UserSummary[]> {
    return this.users.listAll();
  }
}
