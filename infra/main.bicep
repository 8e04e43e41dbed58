// IOM Functions: the Azure resources the function app needs. Identity-based access everywhere (no keys in
// settings); the secrets (the SendGrid API key, the data-protection key-encryption key, the audit chain key) live in
// Key Vault, put there by hand (README, "Pointing at real Azure resources"), never through a deployment. The full
// infrastructure (networking, alerts, backup policy) is its own issue; this template is the working core.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names, e.g. "iomrichmond".')
@minLength(3)
@maxLength(16)
param name string

param location string = resourceGroup().location

@description('Entra ID tenant of the partnership, for App Service Authentication.')
param tenantId string = subscription().tenantId

@description('Client id of the Entra ID app registration that defines the iom.* app roles.')
param authClientId string

@description('Sender address for e-mail (a secure domain: CJSM, police or government).')
param mailFromEmail string

@description('Days each audit anchor blob stays write-once (no overwrite, no delete) after it is created.')
@minValue(1)
@maxValue(146000)
param auditAnchorRetentionDays int = 2557

var suffix = uniqueString(resourceGroup().id, name)
// The one definition of the containers (partition key, indexing policy, default TTL, unique keys); the Cosmos adapter
// applies the same file when it creates containers, and the SQLite adapter derives its indexes from it.
var containerDefinitions = loadJsonContent('containers.json').containers

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${name}st${suffix}', 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${name}-cosmos-${suffix}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    capabilities: [
      { name: 'EnableServerless' }
    ]
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: { tier: 'Continuous30Days' }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: 'iom'
  properties: {
    resource: { id: 'iom' }
  }
}

// Every container is partitioned by /pk: people by person id, panels by panel code, identities by the claim's own id,
// operations by ledger shard.
resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for container in containerDefinitions: {
  parent: database
  name: container.name
  properties: {
    resource: {
      id: container.name
      partitionKey: { paths: [ container.partitionKeyPath ], kind: 'Hash', version: 2 }
      indexingPolicy: container.indexingPolicy
      defaultTtl: container.defaultTtl
      uniqueKeyPolicy: { uniqueKeys: container.uniqueKeys }
    }
  }
}]

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: '${name}-sb-${suffix}'
  location: location
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: serviceBus
  name: 'iom-domain-events'
  properties: {
    // Message id = business key: a republished event inside this window is dropped by the broker.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P7D'
    defaultMessageTimeToLive: 'P14D'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  name: '${storage.name}/default/deployments'
}

// Audit anchors: a checkpoint of every audit chain head, appended hourly (one append blob a day). The time-based
// retention policy makes them write-once: blocks may be appended to an append blob, but for the period nothing can be
// overwritten or deleted, by the app's identity, by an account key or by an owner. Lock it once deployed
// (`az storage container immutability-policy lock`), after which it can be lengthened but never shortened or removed.
resource auditAnchors 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  name: '${storage.name}/default/audit-anchors'
}

resource auditAnchorsPolicy 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: auditAnchors
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditAnchorRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${name}-func-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}deployments'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'Documents__Provider', value: 'Cosmos' }
        { name: 'Cosmos__AccountEndpoint', value: cosmos.properties.documentEndpoint }
        { name: 'Cosmos__DatabaseName', value: 'iom' }
        { name: 'Queues__ServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AuditAnchors__Provider', value: 'Blob' }
        { name: 'AuditAnchors__ServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AuditAnchors__ContainerName', value: 'audit-anchors' }
        { name: 'Mail__Provider', value: 'SendGrid' }
        { name: 'SendGrid__FromEmail', value: mailFromEmail }
        { name: 'Secrets__Provider', value: 'KeyVault' }
        { name: 'KeyVault__VaultUri', value: vault.properties.vaultUri }
        { name: 'Events__Provider', value: 'ServiceBus' }
        { name: 'ServiceBus__FullyQualifiedNamespace', value: '${serviceBus.name}.servicebus.windows.net' }
        { name: 'ServiceBus__TopicName', value: eventsTopic.name }
        // The app trusts X-MS-CLIENT-PRINCIPAL only when App Service Authentication is on (WEBSITE_AUTH_ENABLED,
        // set by the platform) and the principal comes from this provider and tenant.
        { name: 'Authentication__IdentityProvider', value: 'aad' }
        { name: 'Authentication__TenantId', value: tenantId }
      ]
    }
  }
}

// App Service Authentication: every request arrives signed in, with X-MS-CLIENT-PRINCIPAL set by the platform (which
// does not let external requests set it). Unauthenticated callers get 401 ("recommended for APIs"), except on:
// - /api/health and /api/openapi.json (the OpenAPI description: generated from the code, no personal data), anonymous;
// - /api/referrals/new, the referral form ([BrowserPage]): the app itself sends a browser without a session to
//   /.auth/login/aad?post_login_redirect_uri=/api/referrals/new?signed-in=1 (303) and still answers 401 to API
//   callers, so a referrer opening the form is signed in and brought back; /api/links, where the signed links in
//   circulated e-mails land ([BrowserPage]), likewise; /api/prison-releases/new and its confirmation page, the prison
//   link's release form ([BrowserPage]), likewise. The app refuses every non-anonymous request
//   without a principal whatever the platform does (docs/architecture.md, "Identity").
// A test (AuthenticationSettingsTests) keeps this list equal to the app's anonymous and browser-page literal routes.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [ '/api/health', '/api/openapi.json', '/api/referrals/new', '/api/email-events', '/api/links', '/api/prison-releases/new', '/api/prison-releases/new/confirmation', '/api/prison-releases', '/api/prison-events' ]
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: 'https://login.microsoftonline.com/${tenantId}/v2.0'
        }
        validation: { allowedAudiences: [ 'api://${authClientId}' ] }
      }
    }
    // The session is Easy Auth's own cookie (AppServiceAuthSession), set when sign-in completes and sent with the
    // form's GET and POST alike; a fixed lifetime covers a working session. Provider tokens are not needed: no store.
    login: {
      tokenStore: { enabled: false }
      cookieExpiration: { convention: 'FixedTime', timeToExpiration: '08:00:00' }
    }
  }
}

var roles = {
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource queueAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, app.id, roles.storageQueueDataContributor)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource blobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, app.id, roles.storageBlobDataOwner)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource busAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: serviceBus
  name: guid(serviceBus.id, app.id, roles.serviceBusDataSender)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Cosmos DB's own data-plane role: Built-in Data Contributor.
resource cosmosAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, 'data-contributor')
  properties: {
    principalId: app.identity.principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    scope: cosmos.id
  }
}

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}/api'
output keyVaultName string = vault.name
