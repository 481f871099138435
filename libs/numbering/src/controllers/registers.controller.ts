import { Body, Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import {
  CreateRegisterDto,
  CreateTermDto,
  OutgoingRegisterDto,
  OutgoingRegisterQueryDto,
  RegisterDto,
  TermDto,
  TermsQueryDto,
} from '../dtos/register.dto';
import { RegistersService } from '../services/registers.service';

@ApiTags('registers')
@ApiBearerAuth()
@Controller('api/registers')
export class RegistersController {
  constructor(private readonly registers: RegistersService) {}

  @Get('outgoing')
  @Roles('clerk', 'auditor', 'admin')
  @ApiOkResponse({ type: OutgoingRegisterDto, description: 'Sổ đăng ký văn bản đi' })
  outgoing(@CurrentActor() actor: Actor, @Query() query: OutgoingRegisterQueryDto): Promise<OutgoingRegisterDto> {
    return this.registers.outgoing(actor, query);
  }

  @Get('outgoing.csv')
  @Roles('clerk', 'auditor', 'admin')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Sổ đăng ký văn bản đi, CSV UTF-8 có BOM (mở được bằng Excel)' })
  async outgoingCsv(@CurrentActor() actor: Actor, @Query() query: OutgoingRegisterQueryDto): Promise<StreamableFile> {
    const { csv, filename } = await this.registers.outgoingCsv(actor, query);
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
  }

  @Get()
  @Roles('clerk', 'auditor', 'admin')
  @ApiQuery({ name: 'org', required: false })
  @ApiOkResponse({ type: [RegisterDto] })
  list(@CurrentActor() actor: Actor, @Query('org') org?: string): Promise<RegisterDto[]> {
    return this.registers.registers(actor, org);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: RegisterDto, description: 'Sổ riêng cho một loại văn bản, hoặc sổ chung cho mọi loại' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRegisterDto): Promise<RegisterDto> {
    return this.registers.createRegister(actor, dto);
  }

  @Get('terms')
  @ApiOkResponse({ type: [TermDto], description: 'Nhiệm kỳ của tổ chức' })
  terms(@CurrentActor() actor: Actor, @Query() query: TermsQueryDto): Promise<TermDto[]> {
    return this.registers.terms(actor, query.org);
  }

  @Post('terms')
  @Roles('admin')
  @ApiCreatedResponse({ type: TermDto })
  createTerm(@CurrentActor() actor: Actor, @Body() dto: CreateTermDto): Promise<TermDto> {
    return this.registers.createTerm(actor, dto);
  }
}
