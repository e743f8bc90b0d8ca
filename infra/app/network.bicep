// The virtual network the Functions app is integrated into, so that the storage accounts and the Key Vault can refuse
// every network but this subnet (and the operators' addresses): their firewalls admit the subnet through service
// endpoints (Microsoft.Storage, Microsoft.KeyVault), which cost nothing and need no private DNS zones.
//
// Flex Consumption integrates into a subnet delegated to Microsoft.App/environments (one app per subnet). The app's
// outbound traffic to storage and Key Vault then leaves from this subnet; inbound HTTP (BI tools, operators, the Event
// Grid webhook) still reaches the app's public host name, where App Service Authentication and the app decide.

@description('Azure region of the network: the app\'s.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the virtual network.')
param name string

@description('Address space of the virtual network (CIDR).')
param addressPrefix string

@description('Address range of the app\'s integration subnet (CIDR, inside addressPrefix; /28 or larger).')
param appSubnetPrefix string

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
            {
              service: 'Microsoft.KeyVault'
            }
          ]
        }
      }
    ]
  }
}

output id string = vnet.id
output appSubnetId string = vnet.properties.subnets[0].id
