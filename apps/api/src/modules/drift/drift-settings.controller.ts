import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DriftKpiSettingsDto, DriftSettingsListDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam } from '../auth/auth.decorators';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { DriftService } from './drift.service';
import { UpdateDriftSettingsDto } from './dto/update-drift-settings.dto';

/** Drift settings per KPI, overridable per provider (admins only). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('drift/settings')
export class DriftSettingsController {
  constructor(private readonly drift: DriftService) {}

  @Get()
  list(): Promise<DriftSettingsListDto> {
    return this.drift.settings();
  }

  @Put(':kpiCode')
  updateKpi(
    @Param('kpiCode') kpiCode: string,
    @Body() body: UpdateDriftSettingsDto,
    @CurrentUserParam() user: AuthenticatedUser,
  ): Promise<DriftKpiSettingsDto> {
    return this.drift.updateSettings(kpiCode, null, body, user.id);
  }

  @Delete(':kpiCode')
  @HttpCode(204)
  resetKpi(@Param('kpiCode') kpiCode: string): Promise<void> {
    return this.drift.resetSettings(kpiCode, null);
  }

  @Put(':kpiCode/providers/:providerId')
  updateProvider(
    @Param('kpiCode') kpiCode: string,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Body() body: UpdateDriftSettingsDto,
    @CurrentUserParam() user: AuthenticatedUser,
  ): Promise<DriftKpiSettingsDto> {
    return this.drift.updateSettings(kpiCode, providerId, body, user.id);
  }

  @Delete(':kpiCode/providers/:providerId')
  @HttpCode(204)
  resetProvider(
    @Param('kpiCode') kpiCode: string,
    @Param('providerId', parseId('Provider')) providerId: string,
  ): Promise<void> {
    return this.drift.resetSettings(kpiCode, providerId);
  }
}
