import { Inject } from '@nestjs/common';
import { ACTKIT_CLIENT } from './tokens.js';

/** Injects the module's `ActkitClient`: `constructor(@InjectActkit() private readonly actkit: ActkitClient)`. */
export const InjectActkit = (): PropertyDecorator & ParameterDecorator => Inject(ACTKIT_CLIENT);
