import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { cleanText, ROLES, Role } from '@app/common';
import { MIN_PASSWORD_LENGTH } from '../services/password-policy';

const PASSWORD_LENGTH_MESSAGE = `mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`;

const clean = () => Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value));

export class MembershipInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(8)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @clean()
  position?: string | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'nguyen.van.a' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,59}$/, { message: 'tên đăng nhập: 3-60 ký tự a-z, 0-9, . _ -' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  username: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @clean()
  fullName: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  email?: string | null;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_LENGTH_MESSAGE })
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ type: [MembershipInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MembershipInputDto)
  memberships?: MembershipInputDto[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @clean()
  fullName?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  email?: string | null;

  /** A password reset: ends every session and token of the person. */
  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_LENGTH_MESSAGE })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SetMembershipsDto {
  @ApiProperty({ type: [MembershipInputDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MembershipInputDto)
  memberships: MembershipInputDto[];
}

export class MembershipDto {
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true }) position: string | null;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true }) email: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'quản trị hệ thống' }) installationAdmin: boolean;
  @ApiProperty({ type: [MembershipDto] }) memberships: MembershipDto[];
}

export class CreateAuthorityDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ example: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(120, { each: true })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? cleanText(v) : v)) : value))
  capacityLines: string[];

  @ApiProperty({ example: '2024-01-01' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  validTo?: string | null;
}

export class AuthorityDto {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() userFullName: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() capacityLines: string[];
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true }) validTo: string | null;
  @ApiProperty({ nullable: true }) delegatedFromId: string | null;
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  username: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_LENGTH_MESSAGE })
  @MaxLength(200)
  newPassword: string;
}

export class InstallationAdminDto {
  @ApiProperty({ description: 'quản trị hệ thống' })
  @IsBoolean()
  installationAdmin: boolean;
}

export class TokenDto {
  @ApiProperty() token: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty() user: UserDto;
}
