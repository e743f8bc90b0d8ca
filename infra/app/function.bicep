// The Flex Consumption plan and the Functions app (.NET 10 isolated worker, Linux).
//
// On Flex Consumption the runtime and its version live in functionAppConfig, not in the
// FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION app settings (which the plan rejects), and packages
// are deployed to a blob container that the platform reads with the app's user-assigned identity.
// Every connection the app makes is identity-based: no connection strings, no keys in settings.

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also the first label of its default host name).')
param appName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity, for the settings that select it.')
param identityClientId string

@description('Blob endpoint of the host storage account (AzureWebJobsStorage).')
param hostBlobEndpoint string

@description('Queue endpoint of the host storage account.')
param hostQueueEndpoint string

@description('Table endpoint of the host storage account.')
param hostTableEndpoint string

@description('URL of the blob container Flex Consumption deploys packages from.')
param deploymentContainerUrl string

@description('URI of the Key Vault that holds the host keys (AzureWebJobsSecretStorageType = keyvault).')
param keyVaultUri string

@description('Application Insights connection string (not a secret: it only routes telemetry; local auth is off).')
param applicationInsightsConnectionString string

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('The application\'s own settings (name to value), added to the platform settings below.')
param appSettings object

@description('Resource id of the subnet (delegated to Microsoft.App/environments) the app is integrated into; empty for none.')
param subnetId string

@description('Application (client) id of the Entra ID app registration of the Pipeline API; empty: no sign-in, read keys only.')
param entraClientId string

@description('Entra ID tenant that issues the tokens.')
param entraTenantId string

@description('Audiences a token must be for; empty for api://{entraClientId}.')
param entraAllowedAudiences array

var platformSettings = {
  AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: hostQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Host keys (master, system keys such as blobs_extension, function keys) are secrets of the Key Vault, read
  // and written with the user-assigned identity.
  AzureWebJobsSecretStorageType: 'keyvault'
  AzureWebJobsSecretStorageKeyVaultUri: keyVaultUri
  AzureWebJobsSecretStorageKeyVaultClientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: map(items(union(platformSettings, appSettings)), setting => {
        name: setting.key
        value: string(setting.value)
      })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
  }
}

// App Service Authentication ("Easy Auth", which Flex Consumption supports) validates Entra ID bearer tokens for the
// API's app registration and passes the caller to the app in X-MS-CLIENT-PRINCIPAL (stripped from every incoming
// request, so only the platform sets it). Unauthenticated requests are let through on purpose (AllowAnonymous):
//  - BI tools send a tenant-scoped read key, not a token, on the same paths as people's reads, and excludedPaths
//    (which apply only with requireAuthentication) match paths, not callers;
//  - the Event Grid webhook /runtime/webhooks/blobs carries the blob extension's system key, not a token.
// The app decides (Pipeline__Auth__Mode=EasyAuth, ApiAccess): 401 for an unidentified caller, 403 for one without the
// app role or read key for the route's tenant; it believes X-MS-CLIENT-PRINCIPAL only when WEBSITE_AUTH_ENABLED says
// this platform module is on. No client secret: the app validates tokens and never signs anyone in itself.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(entraClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: empty(entraAllowedAudiences) ? [
            'api://${entraClientId}'
          ] : entraAllowedAudiences
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// Deployments authenticate with Entra ID (az CLI, Core Tools); FTP and SCM basic auth stay off.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output planName string = plan.name
