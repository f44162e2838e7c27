/**
 * Credentials for the embedded stack. s3rver accepts only the key pair S3RVER/S3RVER; DynamoDB
 * Local and the Step Functions/Lambda endpoint accept any, so the whole stack uses that pair.
 */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const localRegion = 'us-east-1';
export const localAccount = '000000000000';
