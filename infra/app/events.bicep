// The Event Grid system topic of the data account: the source of the BlobCreated events that drive
// IngestExportFunction (the Event Grid blob trigger, the only blob trigger Flex Consumption supports).
//
// The event subscription from this topic to the app is NOT created here. Its endpoint is the blob
// extension's webhook, https://{host}/runtime/webhooks/blobs?functionName=Host.Functions.IngestExportFunction
// &code={blobs_extension system key}, and that key and the webhook's validation handshake exist only once
// the code is published and the host is running: infra/scripts/post-deploy.sh creates it. Undeliverable events
// are dead-lettered to a container of the data account, written with the topic's user-assigned identity (the
// app's identity, so that every role assignment in the template belongs to that one identity).
// A file dropped before the subscription exists is not lost: the daily reconciliation sweep ingests it.

@description('Azure region of the topic: the same as the storage account\'s.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the system topic.')
param name string

@description('Resource id of the storage account whose events the topic publishes.')
param storageAccountId string

@description('Resource id of the user-assigned identity the topic dead-letters with (it already holds Storage Blob Data Owner on the data account).')
param identityId string

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
output id string = systemTopic.id
