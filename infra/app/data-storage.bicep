// The pipeline's own data: finance's original exports, the normalized ledger, import reports, close artefacts
// (blob containers), the import log, close log and KPI snapshots (tables) and the close fan-out queue. See
// DESIGN.md, "Storage layout".
//
// Nothing is lost: shared keys are off (every caller is an Entra identity with a data role), blobs are
// versioned, and deleted blobs and containers stay recoverable for `softDeleteRetentionDays`. An optional
// CanNotDelete lock keeps the account itself from being deleted with its resource group.

@description('Azure region of the account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the storage account (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Days a deleted or overwritten blob, and a deleted container, can still be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Put a CanNotDelete lock on the account.')
param lockAccount bool

@description('Blob container where Event Grid dead-letters BlobCreated events it could not deliver to the app.')
param deadLetterContainerName string

// Names as in PipelineStorageOptions (the app creates them too if missing; creating them here makes the
// exports container available to finance before the first start), plus the Event Grid dead-letter container.
var containerNames = [
  'exports'
  'ledger'
  'reports'
  'closes'
  deadLetterContainerName
]
var tableNames = [
  'Imports'
  'Closes'
  'KpiSnapshots'
  'CloseAudit'
  'CloseFigures'
]
// The scheduled close's fan-out queue (one message per tenant with a month due) and the queue the runtime moves a
// message to after its last failed attempt; the app would create both on first use, creating them here lets ops
// look at them from the start.
var queueNames = [
  'closes'
  'closes-poison'
]

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
    name: skuName
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
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (lockAccount) {
  name: '${name}-cannot-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the original billing exports, the ledger and the closed months: delete only on purpose.'
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deadLetterContainerName string = deadLetterContainerName
