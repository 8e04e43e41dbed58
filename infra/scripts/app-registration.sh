#!/bin/sh
# azd preprovision hook: makes (once) the Entra ID app registration App Service Authentication signs people in with,
# and sets its app roles to infra/app-roles.json, the roles the code declares (InfrastructureAgreementTests). Run again
# after a role is added: roles keep their ids, so existing assignments survive. Needs the Azure CLI, signed in to the
# partnership's tenant as someone who may create app registrations (Application Developer or above).
set -eu
cd "$(dirname "$0")/../.."

client_id="${IOM_AUTH_CLIENT_ID:-}"
if [ -z "$client_id" ]; then
  client_id=$(az ad app create --display-name "IOM Functions (${AZURE_ENV_NAME:-iom})" \
    --sign-in-audience AzureADMyOrg --enable-id-token-issuance true --query appId -o tsv)
  az ad app update --id "$client_id" --identifier-uris "api://$client_id"
  # Nobody reaches the app without an assigned role: sign-in itself requires an assignment.
  sp_id=$(az ad sp create --id "$client_id" --query id -o tsv)
  az ad sp update --id "$sp_id" --set appRoleAssignmentRequired=true
  azd env set IOM_AUTH_CLIENT_ID "$client_id"
  echo "Created app registration $client_id."
fi

az ad app update --id "$client_id" --app-roles @infra/app-roles.json
echo "App roles of $client_id set from infra/app-roles.json."
