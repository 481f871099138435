import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { REVIEW_STEP_ROLES, ReviewStepRole } from '@workflows/index';

export class ReviewStepInputDto {
  @ApiProperty({ enum: REVIEW_STEP_ROLES })
  @IsIn(REVIEW_STEP_ROLES)
  role: ReviewStepRole;

  @ApiProperty({ example: 'Duyệt nội dung' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;
}

export class ReviewChainInputDto {
  @ApiProperty({ type: [ReviewStepInputDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ReviewStepInputDto)
  steps: ReviewStepInputDto[];
}

export class ReviewChainDto {
  @ApiProperty() organizationId: string;
  @ApiProperty({ description: 'True when the organization has not configured its chain and the default applies' }) isDefault: boolean;
  @ApiProperty({ type: [ReviewStepInputDto] }) steps: ReviewStepInputDto[];
}
