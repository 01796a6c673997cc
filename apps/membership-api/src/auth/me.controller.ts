import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@partner-program/platform';
import { Answers } from '../http/openapi/answers';
import type { AuthenticatedRequest } from './api-key.hook';
import { RequiresAnyKey } from './roles.decorator';

// A client with a key (the dashboard at /ui) asks which role it has, to show only what that role
// may read, instead of probing routes for 403s.
@ApiTags('auth')
@Controller('v1/me')
export class MeController {
  @Get()
  @RequiresAnyKey()
  @ApiOperation({ summary: 'The role of the API key sent (any valid key)' })
  @Answers({ 200: ['Me', 'the role of the key'] })
  me(@Req() request: AuthenticatedRequest): { role: Role } {
    // The hook sets the caller for every key it admits; a route with 'any-key' is never reached without one.
    return { role: request.caller!.role };
  }
}
