import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ProviderDetailDto, ProviderSummaryDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { Scope } from '../auth/auth.decorators';
import { ProviderScope } from '../auth/provider-scope';
import { Audit } from '../audit/audit.decorator';
import { ProvidersService } from './providers.service';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  list(@Scope() scope: ProviderScope): Promise<ProviderSummaryDto[]> {
    return this.providers.list(scope);
  }

  @Audit('provider.view', { resource: 'provider', idParam: 'id', providerParam: 'id' })
  @Get(':id')
  get(@Scope() scope: ProviderScope, @Param('id', parseId('Provider')) id: string): Promise<ProviderDetailDto> {
    return this.providers.get(scope, id);
  }
}
