// Key Vault for the Functions host's keys (AzureWebJobsSecretStorageType = keyvault): the master key, the
// system keys (blobs_extension, which the Event Grid subscription carries) live here instead of in the host storage
// account. infra/scripts/post-deploy.sh also stores each BI consumer's tenant-scoped read key here under
// read-key-{tenant}-{consumer}, where the people who set up Power BI or Excel read it (the app holds only its hash).
//
// Azure RBAC only (no access policies); the app's identity gets Key Vault Secrets Officer on this vault alone
// (rbac.bicep). Soft delete and purge protection keep a deleted key recoverable.

@description('Azure region of the vault.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Refuse every network but the app\'s subnet and allowedIpAddresses (networkAcls defaultAction Deny).')
param networkIsolation bool

@description('Resource id of the app\'s integration subnet (service endpoints for Microsoft.KeyVault); empty without network isolation.')
param subnetId string

@description('Public IPv4 addresses or CIDR ranges admitted besides the subnet (operators uploading exports, the ops CLI, post-deploy.sh).')
param allowedIpAddresses array

// The Functions host reads and writes its keys here from the app's subnet; operators (post-deploy.sh, read-key
// rotation) from allowedIpAddresses.
var networkAcls = networkIsolation
  ? {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: map(allowedIpAddresses, address => {
        value: address
      })
      virtualNetworkRules: [
        {
          id: subnetId
          ignoreMissingVnetServiceEndpoint: false
        }
      ]
    }
  : {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: networkAcls
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
