import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { ConnectorType } from '@kpi/contracts';
import { PROVIDER_CONNECTORS, ProviderConnector } from './provider-connector';

/** Looks connectors up by type (they are registered through the PROVIDER_CONNECTORS factory token). */
@Injectable()
export class ConnectorRegistry {
  private readonly byType: Map<ConnectorType, ProviderConnector>;

  constructor(@Inject(PROVIDER_CONNECTORS) connectors: ProviderConnector[]) {
    this.byType = new Map(connectors.map((c) => [c.type, c]));
  }

  get(type: ConnectorType): ProviderConnector {
    const connector = this.byType.get(type);
    if (!connector) throw new BadRequestException(`Unknown connector "${type}"`);
    return connector;
  }
}
