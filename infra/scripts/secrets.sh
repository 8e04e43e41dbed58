#!/bin/sh
# azd postprovision hook: puts every secret the app reads (main.bicep's AZURE_KEY_VAULT_SECRET_NAMES output) into the
# vault if it is not there yet, never overwriting one (a rotated key stays rotated), and points the app
# registration's sign-in redirect at the function app. Generated keys are 32 random bytes, base64; the SendGrid API key
# is taken from IOM_SENDGRID_API_KEY (azd env set IOM_SENDGRID_API_KEY ...) or left for you to set (docs/deploy.md).
set -eu

for secret in $AZURE_KEY_VAULT_SECRET_NAMES; do
  if az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name "$secret" --query id -o tsv >/dev/null 2>&1; then
    echo "$secret: already in the vault, left as it is."
    continue
  fi
  case "$secret" in
    SendGrid-ApiKey)
      if [ -n "${IOM_SENDGRID_API_KEY:-}" ]; then
        az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$secret" --value "$IOM_SENDGRID_API_KEY" --query id -o tsv >/dev/null
        echo "$secret: set from IOM_SENDGRID_API_KEY."
      else
        echo "$secret: NOT SET. Until it is, no e-mail is sent and /api/health reports it (docs/deploy.md)." >&2
      fi
      ;;
    *)
      az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$secret" --value "$(openssl rand -base64 32)" --query id -o tsv >/dev/null
      echo "$secret: generated."
      ;;
  esac
done

host=$(az functionapp show --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" --query defaultHostName -o tsv)
az ad app update --id "$IOM_AUTH_CLIENT_ID" --web-redirect-uris "https://${IOM_PUBLIC_HOST_NAME:-$host}/.auth/login/aad/callback"
echo "Sign-in redirect: https://${IOM_PUBLIC_HOST_NAME:-$host}/.auth/login/aad/callback"
