// IOM Functions: every Azure resource the system needs, deployed by `azd up` (azure.yaml, main.parameters.json) or
// `az deployment group create`. Identity-based access everywhere: one user-assigned managed identity holds
// least-privilege data-plane roles and no setting carries a key. Secret values never pass through a deployment: the
// vault's secret names are an output, and infra/scripts/secrets.sh puts the generated keys there (docs/deploy.md).
// tests/Iom.Functions.Tests/Infrastructure/InfrastructureAgreementTests proves this file agrees with the code.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names, e.g. "iomrichmond".')
@minLength(3)
@maxLength(16)
param name string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Entra ID tenant of the partnership, for App Service Authentication.')
param tenantId string = subscription().tenantId

@description('Client id of the Entra ID app registration that defines the iom.* app roles (infra/app-roles.json).')
param authClientId string

@description('Sender address for e-mail (a secure domain: CJSM, police or government).')
param mailFromEmail string

@description('Sender name for e-mail.')
param mailFromName string = 'Integrated Offender Management'

@description('SendGrid signed Event Webhook public key (base64 DER; public, not a secret). Empty: delivery events are refused until it is set.')
param sendGridEventWebhookPublicKey string = ''

@description('Host name people reach the app on (a custom domain); empty: the function app\'s own azurewebsites.net name.')
param publicHostName string = ''

@description('Days each audit anchor blob stays write-once (no overwrite, no delete) after it is created.')
@minValue(1)
@maxValue(146000)
param auditAnchorRetentionDays int = 2557

@description('A partner agency subscribed to the integration events topic.')
type partnerAgency = {
  @description('Subscription name: the agency code, e.g. "probation".')
  @minLength(1)
  @maxLength(50)
  name: string

  @description('The event types it receives (the eventType property of each message), e.g. "iom.cohort.member-selected".')
  @minLength(1)
  eventTypes: string[]

  @description('Object id of the agency\'s service principal, given Service Bus Data Receiver on its subscription only; empty for none yet.')
  receiverPrincipalId: string
}

@description('Partner agencies that receive integration events, each through its own filtered subscription.')
param partnerAgencies partnerAgency[] = []

@description('E-mail address the operational alerts go to.')
param alertEmail string

@description('Object id of the relay that forwards HMPPS domain events (prisoner.released, prisoner.merged) to the national events queue, given Service Bus Data Sender on that queue only; empty for none yet (docs/deploy.md, "National events").')
param nationalEventsSenderPrincipalId string = ''
@description('NI 30 (PPO re-offending): the financial year the baseline was counted in, by the calendar year it starts (2008 is FY2008-09); empty: no NI 30 measure.')
param ni30BaselineYear string = ''

@description('NI 30: proven offences of the PPO cohort in the baseline year; set with the baseline year.')
param ni30BaselineConvictions string = ''

@description('NI 30: the reduction aimed for, in percent of the baseline (Sunderland: 17); set with the baseline year.')
param ni30TargetReductionPercent string = ''

@description('NI 30: proven offences in the baseline year\'s first six months, for the six-month interim target; empty: no interim target.')
param ni30BaselineFirstHalfConvictions string = ''

@description('Object id of whoever runs the deployment (azd sets AZURE_PRINCIPAL_ID): made Key Vault Secrets Officer so infra/scripts/secrets.sh can put the keys; empty for none.')
param deployerPrincipalId string = ''

var suffix = uniqueString(resourceGroup().id, name)
var appName = '${name}-func-${suffix}'
var databaseName = 'iom'
var topicName = 'iom-events'
// The Service Bus queue national events arrive on (the app's NationalEvents:ServiceBusQueue); the same name as the
// storage queue the local host and a storage-queue relay use (ReleaseQueues.NationalEvents).
var nationalEventsQueueName = 'prison-events'

// The one definition of the containers (partition key, indexing policy, default TTL, unique keys); the Cosmos adapter
// applies the same file when it creates containers, and the SQLite adapter derives its indexes from it.
var containerDefinitions = loadJsonContent('containers.json').containers

// The storage queues the code sends to and triggers on (the *Queues classes and OutgoingMail.QueueName), each with its
// "-poison" twin the Functions host moves a message to after maxDequeueCount failures (host.json).
var queueNames = [
  'mail-outgoing'
  'referral-acknowledgements'
  'referral-relisting'
  'minutes-apply'
  'cohort-events'
  'minutes-circulation'
  'meeting-changed'
  'prison-events'
  'prison-number-merges'
  'release-notifications'
  'release-custody'
  'release-alerts'
  'release-reminders'
  'release-alert-escalations'
]

// Every secret the code reads (SecretNames); their values are put by infra/scripts/secrets.sh, never by a deployment.
var secretNames = [
  'SendGrid-ApiKey'
  'DataProtection-KeyEncryptionKey'
  'Audit-ChainKey'
  'Links-SigningKey'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${name}-id-${suffix}'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
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

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' = {
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

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-08-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-08-01' = [for queue in queueNames: {
  parent: queueService
  name: queue
}]

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-08-01' = [for queue in queueNames: {
  parent: queueService
  name: '${queue}-poison'
}]

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
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

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

// Every container is partitioned by /pk: people by person id, panels by panel code, identities by the claim's own id,
// operations by ledger shard. The outbox relay is a timer over an indexed query, not the change feed: no leases.
resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = [for container in containerDefinitions: {
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

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: '${name}-sb-${suffix}'
  location: location
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = {
  parent: serviceBus
  name: topicName
  properties: {
    // Message id = business key: a republished event inside this window is dropped by the broker.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P7D'
    defaultMessageTimeToLive: 'P14D'
  }
}

// One subscription per partner agency, receiving only the event types it asked for (the publisher sets the eventType
// application property on every message).
resource agencySubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = [for agency in partnerAgencies: {
  parent: eventsTopic
  name: agency.name
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
}]

resource agencyFilters 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2026-01-01' = [for (agency, i) in partnerAgencies: {
  parent: agencySubscriptions[i]
  name: 'event-types'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: 'eventType IN (${join(map(agency.eventTypes, t => '\'${t}\''), ', ')})' }
  }
}]

// HMPPS domain events, forwarded by the partnership's relay and drained every minute by the app (DrainNationalEventQueue,
// peek-lock). A malformed event is dead-lettered by the app at once; one that keeps failing is dead-lettered by the
// broker after maxDeliveryCount, so nothing is retried for ever. The lock covers a run's batch (NationalEvents:MaxMessagesPerRun).
resource nationalEventsQueue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: serviceBus
  name: nationalEventsQueueName
  properties: {
    lockDuration: 'PT5M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    // A relay that resends the same event (its message id) inside this window is dropped by the broker; the handler's
    // idempotency covers anything later.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
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

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobService
  name: 'deployments'
}

// Audit anchors: a checkpoint of every audit chain head, appended hourly (one append blob a day). The time-based
// retention policy makes them write-once: blocks may be appended to an append blob, but for the period nothing can be
// overwritten or deleted, by the app's identity, by an account key or by an owner. Lock it once deployed
// (`az storage container immutability-policy lock`), after which it can be lengthened but never shortened or removed.
resource auditAnchors 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobService
  name: 'audit-anchors'
}

resource auditAnchorsPolicy 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-08-01' = {
  parent: auditAnchors
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditAnchorRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  // azd deploys the "api" service of azure.yaml to the resource carrying this tag.
  tags: { 'azd-service-name': 'api' }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deployments.name}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The Functions host reaches its storage with the user-assigned identity; the app's own clients
        // (DefaultAzureCredential) pick the same identity through AZURE_CLIENT_ID.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        { name: 'App__PublicBaseUrl', value: 'https://${empty(publicHostName) ? '${appName}.azurewebsites.net' : publicHostName}' }
        { name: 'Documents__Provider', value: 'Cosmos' }
        { name: 'Cosmos__AccountEndpoint', value: cosmos.properties.documentEndpoint }
        { name: 'Cosmos__DatabaseName', value: database.name }
        { name: 'Queues__Provider', value: 'AzureStorage' }
        { name: 'Queues__ServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AuditAnchors__Provider', value: 'Blob' }
        { name: 'AuditAnchors__ServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AuditAnchors__ContainerName', value: auditAnchors.name }
        { name: 'Mail__Provider', value: 'SendGrid' }
        { name: 'SendGrid__FromEmail', value: mailFromEmail }
        { name: 'SendGrid__FromName', value: mailFromName }
        { name: 'SendGrid__EventWebhookPublicKey', value: sendGridEventWebhookPublicKey }
        { name: 'Secrets__Provider', value: 'KeyVault' }
        { name: 'KeyVault__VaultUri', value: vault.properties.vaultUri }
        { name: 'Events__Provider', value: 'ServiceBus' }
        { name: 'ServiceBus__FullyQualifiedNamespace', value: '${serviceBus.name}.servicebus.windows.net' }
        { name: 'ServiceBus__TopicName', value: eventsTopic.name }
        { name: 'NationalEvents__ServiceBusQueue', value: nationalEventsQueue.name }
        // The app trusts X-MS-CLIENT-PRINCIPAL only when App Service Authentication is on (WEBSITE_AUTH_ENABLED,
        // set by the platform) and the principal comes from this provider and tenant.
        { name: 'Authentication__IdentityProvider', value: 'aad' }
        { name: 'Authentication__TenantId', value: tenantId }
        // NI 30's baseline and target: the partnership's own (empty: not measured); checked at start-up.
        { name: 'Performance__Ni30__BaselineYear', value: ni30BaselineYear }
        { name: 'Performance__Ni30__BaselineConvictions', value: ni30BaselineConvictions }
        { name: 'Performance__Ni30__TargetReductionPercent', value: ni30TargetReductionPercent }
        { name: 'Performance__Ni30__BaselineFirstHalfConvictions', value: ni30BaselineFirstHalfConvictions }
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
//   link's release form ([BrowserPage]), likewise; /api/performance/dashboard, the performance page ([BrowserPage]),
//   likewise;
// - /api/email-events, /api/prison-releases, /api/prison-events: SendGrid, prisons' systems and the HMPPS relay cannot
//   sign in; the app checks their signatures. The app refuses every non-anonymous request without a principal whatever
//   the platform does (docs/architecture.md, "Identity").
// A test (AuthenticationSettingsTests) keeps this list equal to the app's anonymous, signed and browser-page routes.
resource auth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [ '/api/health', '/api/openapi.json', '/api/referrals/new', '/api/email-events', '/api/links', '/api/prison-releases/new', '/api/prison-releases/new/confirmation', '/api/prison-releases', '/api/prison-events', '/api/performance/dashboard' ]
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
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
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Queues: the host's triggers and the app's sends. Blobs: the host's leases and keys, the Flex deployment package and
// the audit anchors (the immutability policy, not the role, keeps those write-once).
resource queueAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource blobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Send only, and only to the events topic.
resource busAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: eventsTopic
  name: guid(eventsTopic.id, identity.id, roles.serviceBusDataSender)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

// Receive only, and only from the national events queue.
resource nationalEventsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: nationalEventsQueue
  name: guid(nationalEventsQueue.id, identity.id, roles.serviceBusDataReceiver)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
}

// The relay sends to the national events queue only.
resource nationalEventsRelayAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(nationalEventsSenderPrincipalId)) {
  scope: nationalEventsQueue
  name: guid(nationalEventsQueue.id, nationalEventsSenderPrincipalId, roles.serviceBusDataSender)
  properties: {
    principalId: nationalEventsSenderPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

// Each partner agency receives from its own subscription only.
resource agencyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (agency, i) in partnerAgencies: if (!empty(agency.receiverPrincipalId)) {
  scope: agencySubscriptions[i]
  name: guid(eventsTopic.id, agency.name, roles.serviceBusDataReceiver)
  properties: {
    principalId: agency.receiverPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
}]

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource deployerVaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  scope: vault
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  properties: {
    principalId: deployerPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Cosmos DB's own data-plane role: Built-in Data Contributor, on the app's database only.
resource cosmosAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, 'data-contributor')
  properties: {
    principalId: identity.properties.principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    scope: '${cosmos.id}/dbs/${database.name}'
  }
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${name}-ops-${suffix}'
  location: 'global'
  properties: {
    groupShortName: 'iom-ops'
    enabled: true
    emailReceivers: [
      { name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

// The operational alerts (infra/alerts.json): each a log query over the app's telemetry that fires when it finds any
// row in its window. The markers they match are defined beside the code that logs them (OperationalAlerts).
var alertDefinitions = loadJsonContent('alerts.json').alerts

resource alerts 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [for alert in alertDefinitions: {
  name: '${name}-${alert.name}-${suffix}'
  location: location
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [ insights.id ]
    evaluationFrequency: 'PT15M'
    windowSize: alert.windowSize
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ operators.id ] }
  }
}]

// The national events queue's poison: any message in its dead-letter queue, whether the app put it there (malformed)
// or the broker did (maxDeliveryCount failures). A Service Bus metric, as Storage metrics cannot count one queue.
resource nationalEventsDeadLetters 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${name}-national-events-dead-lettered-${suffix}'
  location: 'global'
  properties: {
    description: 'A national event is in the dead-letter queue of ${nationalEventsQueueName}: malformed (its dead-letter reason says where) or failing every delivery. Inspect it in the portal\'s Service Bus Explorer and resend it once fixed (docs/deploy.md, "National events").'
    severity: 1
    enabled: true
    scopes: [ serviceBus.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [ { name: 'EntityName', operator: 'Include', values: [ nationalEventsQueue.name ] } ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [ { actionGroupId: operators.id } ]
  }
}

output AZURE_FUNCTION_APP_NAME string = app.name
output AZURE_FUNCTION_APP_URL string = 'https://${app.properties.defaultHostName}/api'
output AZURE_KEY_VAULT_NAME string = vault.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_KEY_VAULT_SECRET_NAMES string = join(secretNames, ' ')
// Where the relay sends national events (docs/deploy.md, "National events").
output AZURE_SERVICE_BUS_NAMESPACE string = '${serviceBus.name}.servicebus.windows.net'
output IOM_NATIONAL_EVENTS_QUEUE string = nationalEventsQueue.name
