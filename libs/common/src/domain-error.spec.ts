import { defineErrorCodes, DomainError, domainErrorClass, errorKindOf, HTTP_STATUS_OF } from './domain-error';

describe('defineErrorCodes', () => {
  const SampleErrorCode = defineErrorCodes({
    not_found: { ThingNotFound: 'thing_not_found' },
    refused: { NotDraft: 'not_draft', NotOpen: 'not_open' },
  });
  class SampleError extends domainErrorClass(SampleErrorCode) {}

  it('reads by name as an enum would, and only the codes are its values', () => {
    expect(SampleErrorCode.ThingNotFound).toBe('thing_not_found');
    expect(Object.values(SampleErrorCode)).toEqual(['thing_not_found', 'not_draft', 'not_open']);
  });

  it('gives each code the kind of its group, so the filter maps it to its HTTP status', () => {
    const error = new SampleError(SampleErrorCode.NotOpen, 'Chưa mở', { planId: 'p1' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'refused', code: 'not_open', message: 'Chưa mở', details: { planId: 'p1' } });
    expect(HTTP_STATUS_OF[errorKindOf(SampleErrorCode, SampleErrorCode.ThingNotFound)]).toBe(404);
  });

  it('refuses a table that gives one code two kinds', () => {
    expect(() => defineErrorCodes({ invalid: { Bad: 'bad' }, conflict: { Bad: 'bad' } })).toThrow('twice');
  });
});
