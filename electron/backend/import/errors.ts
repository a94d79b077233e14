/** Why a file could not be imported, in words for the user; the file is named by the caller. */
import { DossierError } from '../../../shared/api/result';

export class ImportError extends DossierError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
    this.name = 'ImportError';
  }
}
