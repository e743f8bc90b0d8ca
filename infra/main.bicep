// Pipeline on Azure: a Flex Consumption Functions app (.NET 10 isolated worker) with its data and host
// storage, a user-assigned identity and its roles, Log Analytics + Application Insights, and the Event Grid
// system topic that feeds the blob trigger. Everything is identity-based: no shared keys, no connection strings.
// Least privilege (README, "Security and access"): the app is integrated into its own subnet and the storage
// accounts and the Key Vault admit only that subnet and allowedIpAddresses; people sign in with Entra ID (App Service
// Authentication, app roles Pipeline.Reader/Pipeline.Operator[.{tenant}]) and BI tools use tenant-scoped read keys.
//
// Deploy into an existing resource group (see infra/README.md for the whole procedure):
//
//   az deployment group create \
//     --resource-group <resource-group> \
//     --template-file infra/main.bicep \
//     --parameters @infra/main.parameters.json \
//     --parameters principalId=<object id of an operator, optional>
//
// After the first deployment, publish the app and run infra/scripts/post-deploy.sh (Event Grid subscription for
// the blob trigger, one tenant-scoped read key per BI consumer).

targetScope = 'resourceGroup'

@description('Short name of the environment (prod, test, ...): tags every resource and seeds the unique name suffix.')
@minLength(1)
@maxLength(16)
param environmentName string

@description('Azure region of every resource. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Extra tags for every resource.')
param tags object = {}

@description('Name of the function app; empty for func-pipeline-{unique suffix}.')
@maxLength(60)
param functionAppName string = ''

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Replication of the data storage account; zone- or geo-redundant options are advisable in production.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param dataStorageSkuName string = 'Standard_LRS'

@description('Days a deleted or overwritten blob, and a deleted container, stay restorable in the data account.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 30

@description('Put a CanNotDelete lock on the data storage account.')
param lockDataStorage bool = true

@description('Days a deleted Key Vault secret (a Functions key) stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Object id of the deployer or an ops person/group who gets blob, queue and table data roles on the data account; empty for none.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

// Access (README.md, "Security and access").

@description('Application (client) id of the Pipeline API\'s Entra ID app registration (created outside the template, see infra/README.md); empty: nobody signs in, BI tools read with read keys, and closes run on the schedule or the ops CLI.')
param entraClientId string = ''

@description('Entra ID tenant of that app registration.')
param entraTenantId string = tenant().tenantId

@description('Token audiences App Service Authentication accepts; empty for api://{entraClientId}.')
param entraAllowedAudiences array = []

@description('Read-key hashes of BI consumers: {"{tenant}__{consumer}": "sha256:…"} (post-deploy.sh --read-keys prints them). Keep them here: a deployment replaces every app setting.')
param readKeyHashes object = {}

@description('Integrate the app into a new virtual network and let the storage accounts and the Key Vault refuse every other network but allowedIpAddresses.')
param networkIsolation bool = true

@description('Public IPv4 addresses or CIDR ranges of operators admitted to the storage accounts and the Key Vault (uploads, ops CLI, post-deploy.sh) under network isolation.')
param allowedIpAddresses array = []

@description('Address space of the virtual network (network isolation).')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Address range of the app\'s integration subnet (network isolation).')
param appSubnetPrefix string = '10.40.0.0/24'

// The Pipeline__* settings, with the defaults of local.settings.sample.json (README.md, "Configuration").

@description('Pipeline:ReportingCurrency: ISO 4217 code of every figure.')
@minLength(3)
@maxLength(3)
param pipelineReportingCurrency string = 'EUR'

@description('Pipeline:BusinessTimeZone: IANA time zone id; month ends are taken in this zone.')
param pipelineBusinessTimeZone string = 'UTC'

@description('Pipeline:DelinquencyDays: an open invoice more than this many days past due stops counting.')
@minValue(0)
param pipelineDelinquencyDays int = 30

@description('Pipeline:CloseLagDays: a month is due for the scheduled close this many days after it ends.')
@minValue(0)
param pipelineCloseLagDays int = 3

@description('Pipeline:CloseSchedule: six-field NCRONTAB expression (seconds first, UTC) of the close job.')
param pipelineCloseSchedule string = '0 0 2 * * *'

@description('Pipeline:DefaultTenant: tenant of files dropped at the root of the exports container.')
param pipelineDefaultTenant string = 'default'

@description('Pipeline:MaxBadRowFraction: a file with a larger share of bad rows is refused (a decimal fraction, as text).')
param pipelineMaxBadRowFraction string = '0.05'

@description('Pipeline:GrossMargin: gross margin used for LTV and CAC payback (a decimal fraction, as text; 1 = revenue-based).')
param pipelineGrossMargin string = '1'

@description('Pipeline:LtvCapMonths: lifetime cap of the capped LTV, in months.')
@minValue(1)
param pipelineLtvCapMonths int = 60

@description('Pipeline:ClvDiscountRate: yearly discount rate of the model-based CLV (a decimal fraction above 0 and at most 1, as text).')
param pipelineClvDiscountRate string = '0.10'

@description('Pipeline:MrrBands: comma-separated lower bounds of the MRR bands of the band segment dimension.')
param pipelineMrrBands string = '100,1000,10000'

@description('Pipeline:MaxIngestAttempts: attempts at a file (failed or never finished) before it is marked Failed.')
@minValue(1)
param pipelineMaxIngestAttempts int = 3

@description('Pipeline:IngestLeaseDuration: how long an ingest claim holds without renewal before another run may resume the file.')
param pipelineIngestLeaseDuration string = '00:02:00'

@description('Pipeline:MaxReportedRowErrors: bad-row errors an import report keeps in full; the rest are counted.')
@minValue(1)
param pipelineMaxReportedRowErrors int = 1000

@description('Pipeline:LedgerCacheLines: ledger lines an instance keeps in memory between runs (about 45 bytes a line); 0 keeps none.')
@minValue(0)
param pipelineLedgerCacheLines int = 2000000

@description('Pipeline:KpiReadMaxStaleness: how long a KPI read may serve rows from memory without reading the tenant\'s change stamp (a write on another instance is seen within this time); 00:00:00 reads it on every request.')
param pipelineKpiReadMaxStaleness string = '00:00:01'

@description('Pipeline:MaxFileLines: a file (or zip member) with more lines is refused as too large.')
@minValue(1)
param pipelineMaxFileLines int = 20000000

@description('Pipeline:MaxUncompressedBytes: the most the members of a zip may inflate to together (a string: it exceeds the range of an int parameter).')
param pipelineMaxUncompressedBytes string = '2147483648'

@description('Pipeline:MaxCompressionRatio: the most a zip member may expand, uncompressed bytes per compressed byte, once past its first MiB.')
@minValue(1)
param pipelineMaxCompressionRatio int = 100

@description('Pipeline:StripeAmountIsPerUnit: Stripe line amounts are per unit (multiplied by quantity) rather than line totals.')
param pipelineStripeAmountIsPerUnit bool = true

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var allTags = union({ application: 'pipeline', environment: environmentName }, tags)
var names = {
  identity: 'id-pipeline-${resourceToken}'
  dataStorage: 'stdata${resourceToken}'
  hostStorage: 'stfunc${resourceToken}'
  logAnalytics: 'log-pipeline-${resourceToken}'
  applicationInsights: 'appi-pipeline-${resourceToken}'
  plan: 'plan-pipeline-${resourceToken}'
  functionApp: empty(functionAppName) ? 'func-pipeline-${resourceToken}' : functionAppName
  systemTopic: 'evgt-pipeline-${resourceToken}'
  keyVault: 'kv-pipe-${resourceToken}'
  virtualNetwork: 'vnet-pipeline-${resourceToken}'
  deploymentContainer: 'app-package'
  deadLetterContainer: 'eventgrid-deadletter'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: allTags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: allTags
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    retentionInDays: logRetentionInDays
  }
}

module network 'app/network.bicep' = if (networkIsolation) {
  name: 'network'
  params: {
    location: location
    tags: allTags
    name: names.virtualNetwork
    addressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
  }
}

var appSubnetId = networkIsolation ? network!.outputs.appSubnetId : ''

// Pipeline__Auth__ReadKeys__{tenant}__{consumer} = sha256:…, one setting per consumer and tenant.
var readKeySettings = toObject(items(readKeyHashes), entry => 'Pipeline__Auth__ReadKeys__${entry.key}', entry => entry.value)

module dataStorage 'app/data-storage.bicep' = {
  name: 'data-storage'
  params: {
    location: location
    tags: allTags
    name: names.dataStorage
    skuName: dataStorageSkuName
    softDeleteRetentionDays: softDeleteRetentionDays
    lockAccount: lockDataStorage
    deadLetterContainerName: names.deadLetterContainer
    networkIsolation: networkIsolation
    subnetId: appSubnetId
    allowedIpAddresses: allowedIpAddresses
  }
}

module hostStorage 'app/host-storage.bicep' = {
  name: 'host-storage'
  params: {
    location: location
    tags: allTags
    name: names.hostStorage
    deploymentContainerName: names.deploymentContainer
    networkIsolation: networkIsolation
    subnetId: appSubnetId
    allowedIpAddresses: allowedIpAddresses
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'key-vault'
  params: {
    location: location
    tags: allTags
    name: names.keyVault
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    networkIsolation: networkIsolation
    subnetId: appSubnetId
    allowedIpAddresses: allowedIpAddresses
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  params: {
    dataAccountName: dataStorage.outputs.name
    hostAccountName: hostStorage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    identityPrincipalId: identity.properties.principalId
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module functionApp 'app/function.bicep' = {
  name: 'function-app'
  params: {
    location: location
    tags: allTags
    planName: names.plan
    appName: names.functionApp
    identityId: identity.id
    identityClientId: identity.properties.clientId
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostQueueEndpoint: hostStorage.outputs.queueEndpoint
    hostTableEndpoint: hostStorage.outputs.tableEndpoint
    deploymentContainerUrl: hostStorage.outputs.deploymentContainerUrl
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    subnetId: appSubnetId
    entraClientId: entraClientId
    entraTenantId: entraTenantId
    entraAllowedAudiences: entraAllowedAudiences
    appSettings: union(readKeySettings, {
      // The blob trigger's Connection = "PipelineStorage" and PipelineStorageOptions read these.
      PipelineStorage__blobServiceUri: dataStorage.outputs.blobEndpoint
      PipelineStorage__queueServiceUri: dataStorage.outputs.queueEndpoint
      PipelineStorage__tableServiceUri: dataStorage.outputs.tableEndpoint
      PipelineStorage__credential: 'managedidentity'
      PipelineStorage__clientId: identity.properties.clientId
      Pipeline__ReportingCurrency: pipelineReportingCurrency
      Pipeline__BusinessTimeZone: pipelineBusinessTimeZone
      Pipeline__DelinquencyDays: string(pipelineDelinquencyDays)
      Pipeline__CloseLagDays: string(pipelineCloseLagDays)
      Pipeline__CloseSchedule: pipelineCloseSchedule
      Pipeline__DefaultTenant: pipelineDefaultTenant
      Pipeline__MaxBadRowFraction: pipelineMaxBadRowFraction
      Pipeline__GrossMargin: pipelineGrossMargin
      Pipeline__LtvCapMonths: string(pipelineLtvCapMonths)
      Pipeline__ClvDiscountRate: pipelineClvDiscountRate
      Pipeline__MrrBands: pipelineMrrBands
      Pipeline__MaxIngestAttempts: string(pipelineMaxIngestAttempts)
      Pipeline__IngestLeaseDuration: pipelineIngestLeaseDuration
      Pipeline__MaxReportedRowErrors: string(pipelineMaxReportedRowErrors)
      Pipeline__LedgerCacheLines: string(pipelineLedgerCacheLines)
      Pipeline__KpiReadMaxStaleness: pipelineKpiReadMaxStaleness
      Pipeline__MaxFileLines: string(pipelineMaxFileLines)
      Pipeline__MaxUncompressedBytes: pipelineMaxUncompressedBytes
      Pipeline__MaxCompressionRatio: string(pipelineMaxCompressionRatio)
      Pipeline__StripeAmountIsPerUnit: pipelineStripeAmountIsPerUnit ? 'true' : 'false'
      // Always EasyAuth in Azure (the worker refuses None in App Service): read keys work without an app
      // registration; signed-in people once entraClientId is set.
      Pipeline__Auth__Mode: 'EasyAuth'
    })
  }
  // The host starts as soon as the app exists: let it find its storage and telemetry roles in place.
  dependsOn: [
    rbac
  ]
}

module events 'app/events.bicep' = {
  name: 'events'
  params: {
    location: location
    tags: allTags
    name: names.systemTopic
    storageAccountId: dataStorage.outputs.id
    identityId: identity.id
  }
}

output resourceGroupName string = resourceGroup().name
output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output ingestFunctionName string = 'IngestExportFunction'
output ingestWebhookUrlWithoutCode string = 'https://${functionApp.outputs.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestExportFunction'
output dataStorageAccountName string = dataStorage.outputs.name
output dataStorageAccountId string = dataStorage.outputs.id
output dataBlobEndpoint string = dataStorage.outputs.blobEndpoint
output dataQueueEndpoint string = dataStorage.outputs.queueEndpoint
output dataTableEndpoint string = dataStorage.outputs.tableEndpoint
output exportsContainerName string = 'exports'
output deadLetterContainerName string = dataStorage.outputs.deadLetterContainerName
output hostStorageAccountName string = hostStorage.outputs.name
output identityName string = identity.name
output identityId string = identity.id
output identityClientId string = identity.properties.clientId
output identityPrincipalId string = identity.properties.principalId
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
output logAnalyticsName string = monitoring.outputs.logAnalyticsName
output systemTopicName string = events.outputs.name
output systemTopicId string = events.outputs.id
output virtualNetworkName string = networkIsolation ? names.virtualNetwork : ''
output signInEnabled bool = !empty(entraClientId)
