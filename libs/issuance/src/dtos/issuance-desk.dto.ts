import { ApiProperty } from '@nestjs/swagger';

/** A register the clerk may number from, with the number it would give now. */
export class DeskRegisterDto {
  @ApiProperty({ nullable: true, description: 'null: the register of the type, created with its first number' }) id: string | null;
  @ApiProperty({ example: 'Sổ Kế hoạch (theo nhiệm kỳ)' }) label: string;
  @ApiProperty({ description: "the register of the plan's type (or the shared one): what ISSUE takes without registerId" }) isDefault: boolean;
  @ApiProperty({ example: '05-KH/BCĐ', description: 'the next number and symbol, if nobody numbers before (given for good at ISSUE)' })
  nextNumberSymbol: string;
}

/** A signed plan at the clerk's desk ("Chờ cấp số"). */
export class DeskPlanDto {
  @ApiProperty() planId: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() summary: string;
  @ApiProperty() documentType: string;
  @ApiProperty({ nullable: true }) signedAt: string | null;
  @ApiProperty({ nullable: true }) signedById: string | null;
}

/** What the clerk decides on at the desk: the register, and the date the document will carry. */
export class DeskIssueDto extends DeskPlanDto {
  @ApiProperty({ type: [DeskRegisterDto] }) registers: DeskRegisterDto[];
  @ApiProperty({ example: '2026-12-07', description: 'the date on the document if issued now: today, or the next working day' }) issuedOn: string;
}
