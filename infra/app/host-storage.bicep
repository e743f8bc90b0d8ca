// Storage for the Functions runtime itself (AzureWebJobsStorage: host locks, timer schedule monitors, keys)
// and the blob container Flex Consumption deploys packages from. Kept apart from the data account so that
// runtime housekeeping never mixes with finance's data. Shared keys are off: the app reaches it with its
// user-assigned identity only.

@description('Azure region of the account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the storage account (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Name of the blob container that holds the Flex Consumption deployment packages.')
param deploymentContainerName string

@description('Refuse every network but the app\'s subnet and allowedIpAddresses (networkAcls defaultAction Deny).')
param networkIsolation bool

@description('Resource id of the app\'s integration subnet (service endpoints for Microsoft.Storage); empty without network isolation.')
param subnetId string

@description('Public IPv4 addresses or CIDR ranges admitted besides the subnet (operators uploading exports, the ops CLI, post-deploy.sh).')
param allowedIpAddresses array

// Deny by default when isolated: only the app's subnet, the listed addresses and trusted Azure services (Event Grid
// dead-lettering with its managed identity) get through; shared keys stay off either way.
var networkAcls = networkIsolation
  ? {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: map(allowedIpAddresses, address => {
        value: address
        action: 'Allow'
      })
      virtualNetworkRules: [
        {
          id: subnetId
          action: 'Allow'
        }
      ]
    }
  : {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }

resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: networkAcls
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
