import { describe, expect, it } from 'vitest';
import { issuesOf } from '#functions/api/client.ts';
import { InputValidationError } from '#functions/errors/index.ts';
import { apiCatalog } from '#schemas/api-catalog.ts';
import { apiRequestBase } from '#schemas/api.ts';
import { publishedContracts } from '#schemas/registry.ts';

describe('the typed client', () => {
  it('reads back every issue of an InputValidationError from its message', () => {
    const issues = [
      { path: 'patientId', message: 'Too small: expected string to have >=1 characters' },
      { path: 'purposeOfUse', message: 'Invalid option: expected one of "treatment"|"payment"' },
      { path: '', message: 'give one of: claimId; or patientId, coverageId, providerId' },
    ];
    expect(issuesOf(new InputValidationError(issues).message)).toEqual(issues);
  });
});

describe('the API catalog', () => {
  it.each(Object.entries(apiCatalog))('%s is published as JSON Schema and asks why (purpose of use)', (name, contract) => {
    const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    expect(publishedContracts[`api-${kebab}-request`]).toBe(contract.request);
    expect(publishedContracts[`api-${kebab}-response`]).toBe(contract.response);
    for (const key of Object.keys(apiRequestBase.shape)) expect(Object.keys(contract.request.shape)).toContain(key);
  });
});
