import { Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'provider_service_lines' })
export class ProviderServiceLineEntity {
  @PrimaryColumn({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @PrimaryColumn({ name: 'service_line_code', type: 'varchar', length: 32 })
  serviceLineCode: string;
}
