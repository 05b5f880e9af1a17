import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { KpiDefinitionDto } from '@kpi/contracts';
import { CustomKpiInput, CustomKpiKind, KpiDefinition, ValidationIssue, validateCustomKpi } from '@kpi/domain';
import { KpiDefinitionEntity } from './entities/kpi-definition.entity';
import { MetricsRepository } from './metrics.repository';
import { toKpiDefinitionDto } from './metrics.service';
import { CreateCustomKpiDto, UpdateCustomKpiDto } from './dto/custom-kpi.dto';

/** A domain validation failure as a 400 whose messages name the field ("band.low: ..."). */
export function validationFailure(issues: readonly ValidationIssue[]): BadRequestException {
  return new BadRequestException(issues.map((issue) => `${issue.field}: ${issue.message}`));
}

/**
 * Admin-defined KPIs: validated by kpi-domain's `validateCustomKpi`, stored next to the built-ins, then
 * rolled up, judged and formatted like them. Code and kind never change (stored components depend on them).
 */
@Injectable()
export class KpiCatalogService {
  constructor(private readonly metrics: MetricsRepository) {}

  async get(code: string): Promise<KpiDefinitionDto> {
    const entity = await this.metrics.findKpiDefinition(code);
    if (!entity) throw new NotFoundException(`Unknown KPI "${code}"`);
    return toKpiDefinitionDto(entity);
  }

  async create(dto: CreateCustomKpiDto, userId: string): Promise<KpiDefinitionDto> {
    const existing = await this.metrics.listKpiDefinitions();
    if (existing.some((entity) => entity.code === dto.code && entity.builtIn)) {
      throw validationFailure([{ field: 'code', code: 'duplicate', message: `"${dto.code}" is a built-in KPI code` }]);
    }
    const customCodes = existing.filter((entity) => !entity.builtIn).map((entity) => entity.code);
    const validation = validateCustomKpi(toInput(dto), customCodes);
    if (!validation.ok) {
      if (validation.issues.some((issue) => issue.code === 'duplicate' && issue.field === 'code')) {
        throw new ConflictException(validation.issues.map((issue) => `${issue.field}: ${issue.message}`));
      }
      throw validationFailure(validation.issues);
    }
    const saved = await this.metrics.saveKpiDefinition({
      ...toColumns(validation.value, dto.kind, dto),
      createdBy: userId,
    });
    return toKpiDefinitionDto(saved);
  }

  async update(code: string, dto: UpdateCustomKpiDto): Promise<KpiDefinitionDto> {
    const entity = await this.metrics.findKpiDefinition(code);
    if (!entity) throw new NotFoundException(`Unknown KPI "${code}"`);
    if (entity.builtIn) throw new BadRequestException('Built-in KPIs come with the product and cannot be changed');
    const kind = entity.customKind ?? kindOf(entity);
    const others = (await this.metrics.listKpiDefinitions())
      .filter((other) => !other.builtIn && other.code !== code)
      .map((other) => other.code);
    const validation = validateCustomKpi(toInput({ ...dto, code, kind }), others);
    if (!validation.ok) throw validationFailure(validation.issues);
    const saved = await this.metrics.saveKpiDefinition(toColumns(validation.value, kind, dto));
    return toKpiDefinitionDto(saved);
  }

  async remove(code: string): Promise<void> {
    const entity = await this.metrics.findKpiDefinition(code);
    if (!entity) throw new NotFoundException(`Unknown KPI "${code}"`);
    if (entity.builtIn) throw new BadRequestException('Built-in KPIs come with the product and cannot be deleted');
    const usage = await this.metrics.kpiUsage(code);
    if (usage.observations) {
      throw new ConflictException(`"${code}" has stored observations: it cannot be deleted`);
    }
    if (usage.serviceLevels > 0) {
      throw new ConflictException(`"${code}" is measured by ${usage.serviceLevels} SLA service level(s): remove them first`);
    }
    await this.metrics.deleteKpiDefinition(code);
  }
}

function toInput(dto: UpdateCustomKpiDto & { code: string; kind: CustomKpiKind }): CustomKpiInput {
  return {
    code: dto.code,
    name: dto.name,
    ...(dto.description !== undefined ? { description: dto.description } : {}),
    kind: dto.kind,
    unit: dto.unit,
    ...(dto.direction !== undefined ? { direction: dto.direction } : {}),
    ...(dto.numeratorLabel !== undefined ? { numeratorLabel: dto.numeratorLabel } : {}),
    ...(dto.denominatorLabel !== undefined ? { denominatorLabel: dto.denominatorLabel } : {}),
    ...(dto.valueLabel !== undefined ? { valueLabel: dto.valueLabel } : {}),
    ...(dto.weightLabel !== undefined ? { weightLabel: dto.weightLabel } : {}),
    ...(dto.band !== undefined ? { band: { low: dto.band.low, high: dto.band.high } } : {}),
    ...(dto.displayPrecision !== undefined ? { displayPrecision: dto.displayPrecision } : {}),
    serviceLines: dto.serviceLines,
  };
}

function toColumns(
  definition: KpiDefinition,
  kind: CustomKpiKind,
  dto: Pick<UpdateCustomKpiDto, 'valueLabel' | 'weightLabel'>,
): Partial<KpiDefinitionEntity> {
  return {
    code: definition.code,
    name: definition.name,
    description: definition.description,
    unit: definition.unit,
    direction: definition.direction,
    aggregation: definition.aggregation,
    numeratorLabel: definition.numeratorLabel,
    denominatorLabel: definition.denominatorLabel,
    displayPrecision: definition.displayPrecision,
    bandLow: definition.band?.low ?? null,
    bandHigh: definition.band?.high ?? null,
    builtIn: false,
    customKind: kind,
    valueLabel: kind === 'weighted_mean' ? (dto.valueLabel?.trim() ?? null) : null,
    weightLabel: kind === 'weighted_mean' ? (dto.weightLabel?.trim() ?? null) : null,
    serviceLines: [...definition.serviceLines],
  };
}

/** The kind of a custom row stored without one (defined outside the admin API). */
function kindOf(entity: KpiDefinitionEntity): CustomKpiKind {
  if (entity.direction === 'target_band') return 'band';
  if (entity.aggregation === 'sum' || entity.aggregation === 'stock') return entity.aggregation;
  return 'ratio_of_sums';
}
