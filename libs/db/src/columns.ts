import { Column, ColumnOptions, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// The column types every table shares, written once (house style: uuid keys, `timestamptz` for every instant).
// Each gives the same column metadata as the TypeORM decorator it wraps, so migrations do not change.

/** A row's key: a uuid the database makes. */
export const UuidPrimaryKey = (): PropertyDecorator => PrimaryGeneratedColumn('uuid');

/** A uuid: another row's key, beside the relation that names the table. */
export const UuidColumn = (options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator => Column({ type: 'uuid', ...options });

/** An instant, with its time zone. */
export const InstantColumn = (options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator => Column({ type: 'timestamptz', ...options });

/** When the row was inserted. */
export const CreatedAt = (): PropertyDecorator => CreateDateColumn({ type: 'timestamptz' });

/** When the row was last saved. */
export const UpdatedAt = (): PropertyDecorator => UpdateDateColumn({ type: 'timestamptz' });
