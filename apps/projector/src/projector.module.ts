import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeyRing, type AppConfig, BackgroundModule, CoreModule, logOutput } from '@partner-program/platform';
import { LoggerModule } from 'nestjs-pino';

/** The read side alone: projector and scheduler, for the scale-out topology (no HTTP). */
@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        CoreModule.forRoot({ config, keys: ApiKeyRing.parse('') }),
        LoggerModule.forRoot({ pinoHttp: [{ level: config.LOG_LEVEL }, logOutput()] }),
        BackgroundModule,
      ],
    };
  }
}
