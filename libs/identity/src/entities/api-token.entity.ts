import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { CreatedAt, InstantColumn, UuidColumn, UuidPrimaryKey } from '@app/db';
import { User } from './user.entity';

/** A bearer token for API clients; only its SHA-256 is stored. */
@Entity('api_token')
export class ApiToken {
  @UuidPrimaryKey() id: string;

  @Index() @UuidColumn() userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' }) user?: User;

  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;

  @CreatedAt() createdAt: Date;

  @InstantColumn() expiresAt: Date;
}
