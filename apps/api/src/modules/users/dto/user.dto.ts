import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type CreateUserRequest, type Role, type SetPasswordRequest, type UpdateUserRequest } from '@kpi/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../../auth/password-policy';

const ROLE_MESSAGE = `role must be one of ${ROLES.join(', ')}`;

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'ana.torres@cliente.mx' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ana Torres' })
  @IsString()
  @MinLength(1, { message: 'displayName is required' })
  @MaxLength(160)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;

  @ApiPropertyOptional({ description: 'Required for role "provider"' })
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string | null;

  @ApiPropertyOptional({ description: 'For role "account_manager": the providers they look after' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'providerIds must be provider ids' })
  providerIds?: string[];

  @ApiPropertyOptional({ description: 'At least 12 characters, not the email, not a common password' })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(160)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'providerIds must be provider ids' })
  providerIds?: string[];

  @ApiPropertyOptional({ description: 'true disables the account and ends its sessions; false enables it again' })
  @IsOptional()
  @IsBoolean({ message: 'disabled must be true or false' })
  disabled?: boolean;
}

export class SetPasswordDto implements SetPasswordRequest {
  @ApiProperty({ description: 'At least 12 characters, not the email, not a common password' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
