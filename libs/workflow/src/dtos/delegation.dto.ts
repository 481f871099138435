import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** `POST /api/authorities/:id/delegations`: a deputy signs in the holder's stead for a period (ký thay). */
export class CreateDelegationDto {
  @ApiProperty()
  @IsUUID()
  deputyUserId: string;

  @ApiProperty({ example: '2024-03-01' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiProperty({ example: '2024-03-31' })
  @IsISO8601({ strict: true })
  validTo: string;

  @ApiPropertyOptional({ description: 'The deputy\'s own title line, e.g. "PHÓ CHỦ TỊCH"; default "PHÓ " + the holder\'s title' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  deputyTitle?: string;
}
