/** Static credentials for the embedded stack: the local services accept any, AWS SDK v3 insists on some. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const localRegion = 'us-east-1';
export const localAccount = '000000000000';
