import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'service_lines' })
export class ServiceLineEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;
}
