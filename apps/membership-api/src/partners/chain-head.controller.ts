import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { Answers } from '../http/openapi/answers';
import { ValidPath, ValidQuery } from '../http/openapi/dto-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { PartnerPath, ReadQuery } from '../http/request-dtos';
import { PartnerHistoryService } from './partner-history.service';

/** Where a partner's hash chain ends: what an auditor compares a downloaded history with (`audit:verify --head`). */
@ApiTags('partners')
@Controller('v1/partners')
export class ChainHeadController {
  constructor(
    private readonly history: PartnerHistoryService,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':partnerId/chain-head')
  @RequiresRole('auditor')
  @ApiOperation({ summary: "The partner's last stored event: its revision, position and chain hash (compare with `npm run audit:verify -- FILE --head HASH`)" })
  @Answers({
    200: ['ChainHead', 'the last event of the partner’s chain'],
    400: 'a parameter breaks its rule (named in the message and `details`)',
    404: 'no events for this partner',
    503: 'minPosition not reached within 5 s: retry (Retry-After)',
  })
  async head(@ValidPath(PartnerPath) { partnerId }: PartnerPath, @ValidQuery(ReadQuery) query: ReadQuery) {
    await this.readYourWrites.waitFor(query.minPosition);
    const head = await this.history.chainHead(partnerId);
    if (!head) throw httpError(HttpStatus.NOT_FOUND, `partner ${partnerId} has no events`);
    return { partnerId, ...head };
  }
}
