import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Plan } from '@app/plans';

/** A plan's public verification code (printed as `PUBLIC_URL/v/<code>` and a QR code), made once, never changed. */
@Entity('plan_verification')
export class PlanVerification {
  @PrimaryColumn({ type: 'uuid' })
  planId: string;

  @OneToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
