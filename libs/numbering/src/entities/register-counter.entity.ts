import { Column, Entity, ManyToOne, Unique } from 'typeorm';
import { UpdatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Register } from './register.entity';

/**
 * The last number given in one period of a register ("year:2024", "term:<id>"). Numbering
 * locks this row (SELECT ... FOR UPDATE) inside the issuing transaction, so two processes
 * never give the same number, and a rolled-back issuance gives its number back.
 */
@Entity('register_counter')
@Unique('uq_register_counter_period', ['registerId', 'periodKey'])
export class RegisterCounter {
  @UuidPrimaryKey() id: string;

  @UuidColumn() registerId: string;

  @ManyToOne(() => Register, { onDelete: 'RESTRICT' }) register?: Register;

  @Column({ type: 'varchar', length: 60 }) periodKey: string;

  @Column({ type: 'int', default: 0 }) lastNumber: number;

  @UpdatedAt() updatedAt: Date;
}
