// Data-plane roles. Shared keys are off on both storage accounts, local auth is off on Application Insights and
// the Key Vault uses Azure RBAC, so these assignments are the only way in. Every assignment the template always
// makes belongs to the app's user-assigned identity; the optional operator's are made only when an operator
// principal is given.
//
// Scopes: each storage role is assigned on one account, not on the resource group. Container or table
// scopes would be narrower but do not work for this app: at start-up it creates its tables if missing
// (a table-service operation, outside any single table's scope), the Event Grid blob trigger creates
// its poison queue (webjobs-blobtrigger-poison) on the data account at run time, and the close timer's queue
// output binding and the queue triggers read and write several queues (closes, closes-poison).
// Names are guid(scope, principal, role), so a re-deployment finds the same assignments.

@description('Name of the data storage account (exports, ledger, reports, closes, tables).')
param dataAccountName string

@description('Name of the host storage account (AzureWebJobsStorage and deployment packages).')
param hostAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault that holds the Functions host keys.')
param keyVaultName string

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param identityPrincipalId string

@description('Object id of a person or group that operates the pipeline; empty for none.')
param operatorPrincipalId string

@description('Kind of principal operatorPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

// The blob trigger (Event Grid source) needs Blob Data Owner plus Queue Data Contributor on the account
// its connection names; so do the close fan-out's queue output binding and queue trigger (queues closes and
// closes-poison, connection PipelineStorage) and the poison drains. The app's adapters need blob and table read/write.
var appDataRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

// The Functions host keeps locks, timer monitors and keys in blobs, and uses queues and tables for
// its own bookkeeping.
var appHostRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

// Ops: drop and inspect files, read reports and close artefacts, look at tables and the poison queue.
var operatorDataRoles = [
  roles.storageBlobDataContributor
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource dataAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: dataAccountName
}

resource hostAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: hostAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appOnData 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in appDataRoles: {
    name: guid(dataAccount.id, identityPrincipalId, role)
    scope: dataAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appOnHost 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in appHostRoles: {
    name: guid(hostAccount.id, identityPrincipalId, role)
    scope: hostAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appOnApplicationInsights 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The host reads, creates and rotates its keys as secrets of this vault (AzureWebJobsSecretStorageType = keyvault).
resource appOnKeyVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identityPrincipalId, roles.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorOnData 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in operatorDataRoles: if (!empty(operatorPrincipalId)) {
    name: guid(dataAccount.id, operatorPrincipalId, role)
    scope: dataAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: operatorPrincipalId
      principalType: operatorPrincipalType
    }
  }
]

// Ops: post-deploy.sh stores each BI consumer's function key in the vault; rotating keys reads and writes them.
resource operatorOnKeyVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(keyVault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}
