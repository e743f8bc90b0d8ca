#!/usr/bin/env bash
# Post-deployment step for Pipeline on Azure, run once the Functions app's code is published (infra/README.md,
# "After the deployment"). Idempotent: safe to re-run, e.g. to add a BI consumer or after re-publishing.
#
#   1. Creates (or updates) the Event Grid subscription that feeds IngestExportFunction, the Event Grid blob
#      trigger: BlobCreated events of the data account's exports container, delivered to the blob extension's
#      webhook with the blobs_extension system key, dead-lettered to a container of the data account with the
#      user-assigned identity (shared keys are off there).
#   2. Creates one tenant-scoped read key per BI consumer and tenant (--read-keys acme:powerbi_finance,...): a random
#      key kept in the Key Vault as secret read-key-{tenant}-{consumer}, and only its SHA-256 on the app as setting
#      Pipeline__Auth__ReadKeys__{tenant}__{consumer}. It never creates a function key: those are host-wide (every
#      tenant, closes included). Add the printed hashes to readKeyHashes in main.parameters.json, or the next
#      deployment removes them.
#
# Every name comes from the deployment's outputs:
#
#   infra/scripts/post-deploy.sh --resource-group rg-pipeline-prod --deployment pipeline --read-keys acme:powerbi_finance
#
# Needs the Azure CLI signed in as someone who may create event subscriptions and manage the app's keys on the
# resource group (Owner or Contributor) and who holds Key Vault Secrets Officer on the vault (the template grants
# it to principalId), from an address in allowedIpAddresses when the template isolates the network.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: post-deploy.sh --resource-group NAME [--deployment NAME] [--read-keys LIST] [--subscription-name NAME]
                      [--skip-event-subscription] [--skip-keys]

  --resource-group           resource group the template was deployed to (required)
  --deployment               name of the group deployment whose outputs to read (default: pipeline)
  --read-keys                comma-separated tenant:consumer pairs, one read key each (consumer: lower-case letters,
                             digits, underscores), e.g. acme:powerbi_finance,beta:excel_controlling (default: none)
  --subscription-name        name of the Event Grid subscription (default: ingest-exports)
  --skip-event-subscription  only create the keys
  --skip-keys                only create the Event Grid subscription
USAGE
}

resource_group=""
deployment="pipeline"
read_keys=""
subscription_name="ingest-exports"
do_subscription=true
do_keys=true

while [ $# -gt 0 ]; do
  case "$1" in
    --resource-group) resource_group=${2:?--resource-group needs a value}; shift 2 ;;
    --deployment) deployment=${2:?--deployment needs a value}; shift 2 ;;
    --read-keys) read_keys=${2:?--read-keys needs a value}; shift 2 ;;
    --subscription-name) subscription_name=${2:?--subscription-name needs a value}; shift 2 ;;
    --skip-event-subscription) do_subscription=false; shift ;;
    --skip-keys) do_keys=false; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -z "$resource_group" ]; then
  usage >&2
  exit 2
fi

log() { printf '%s\n' "post-deploy: $*" >&2; }

# One deployment output, as plain text.
output() {
  az deployment group show \
    --resource-group "$resource_group" --name "$deployment" \
    --query "properties.outputs.$1.value" --output tsv
}

app=$(output functionAppName)
host=$(output functionAppHostName)
function_name=$(output ingestFunctionName)
data_account_id=$(output dataStorageAccountId)
exports_container=$(output exportsContainerName)
dead_letter_container=$(output deadLetterContainerName)
identity_id=$(output identityId)
topic=$(output systemTopicName)
vault=$(output keyVaultName)
subscription_id=$(az account show --query id --output tsv)

for value in app host function_name data_account_id exports_container dead_letter_container identity_id topic vault; do
  if [ -z "${!value}" ]; then
    log "deployment '$deployment' in '$resource_group' has no output for $value"
    exit 1
  fi
done

# The system keys exist once the published app's host has started; a request to the anonymous health route
# wakes it on Flex Consumption. Retries for about five minutes.
system_key() {
  local key="" attempt
  for attempt in $(seq 1 30); do
    curl --silent --output /dev/null --max-time 30 "https://$host/api/health" || true
    key=$(az functionapp keys list --resource-group "$resource_group" --name "$app" \
      --query "systemKeys.$1" --output tsv 2>/dev/null || true)
    if [ -n "$key" ]; then
      printf '%s' "$key"
      return 0
    fi
    log "waiting for the host of $app to create its $1 key (attempt $attempt of 30)"
    sleep 10
  done
  log "no $1 system key on $app: is the code published (see infra/README.md)?"
  return 1
}

create_event_subscription() {
  local key endpoint body url state attempt
  key=$(system_key blobs_extension)
  endpoint="https://$host/runtime/webhooks/blobs?functionName=Host.Functions.$function_name&code=$key"

  # az rest rather than 'az eventgrid system-topic event-subscription create': the CLI dead-letters only with a
  # system-assigned identity, and the topic carries the user-assigned one (it holds the data account's roles).
  body=$(cat <<JSON
{
  "properties": {
    "destination": {
      "endpointType": "WebHook",
      "properties": { "endpointUrl": "$endpoint", "maxEventsPerBatch": 1, "preferredBatchSizeInKilobytes": 64 }
    },
    "filter": {
      "includedEventTypes": [ "Microsoft.Storage.BlobCreated" ],
      "subjectBeginsWith": "/blobServices/default/containers/$exports_container/",
      "isSubjectCaseSensitive": false
    },
    "eventDeliverySchema": "EventGridSchema",
    "retryPolicy": { "maxDeliveryAttempts": 30, "eventTimeToLiveInMinutes": 1440 },
    "deadLetterWithResourceIdentity": {
      "identity": { "type": "UserAssigned", "userAssignedIdentity": "$identity_id" },
      "deadLetterDestination": {
        "endpointType": "StorageBlob",
        "properties": { "resourceId": "$data_account_id", "blobContainerName": "$dead_letter_container" }
      }
    }
  }
}
JSON
)
  url="https://management.azure.com/subscriptions/$subscription_id/resourceGroups/$resource_group"
  url+="/providers/Microsoft.EventGrid/systemTopics/$topic/eventSubscriptions/$subscription_name?api-version=2025-02-15"

  log "creating Event Grid subscription $subscription_name on $topic -> $function_name"
  az rest --method put --url "$url" --body "$body" --headers "Content-Type=application/json" --output none

  # Event Grid validates the webhook (the blob extension answers the handshake) before the subscription succeeds.
  for attempt in $(seq 1 30); do
    state=$(az rest --method get --url "$url" --query properties.provisioningState --output tsv)
    case "$state" in
      Succeeded) log "Event Grid subscription $subscription_name: $state"; return 0 ;;
      Failed | Canceled) log "Event Grid subscription $subscription_name: $state"; return 1 ;;
      *) log "Event Grid subscription $subscription_name: $state (attempt $attempt of 30)"; sleep 10 ;;
    esac
  done
  log "Event Grid subscription $subscription_name did not finish provisioning"
  return 1
}

create_read_keys() {
  local pair tenant consumer secret key hash
  local -a pairs
  IFS=',' read -r -a pairs <<<"$read_keys"
  for pair in "${pairs[@]}"; do
    pair=$(printf '%s' "$pair" | tr -d '[:space:]')
    [ -n "$pair" ] || continue
    tenant=${pair%%:*}
    consumer=${pair#*:}
    if ! [[ "$tenant" =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]] || ! [[ "$consumer" =~ ^[a-z0-9_]{1,40}$ ]] || [ "$tenant" = "$pair" ]; then
      log "'$pair' must be tenant:consumer (a tenant id; a consumer of lower-case letters, digits and underscores)"
      return 1
    fi

    # Keep an existing key (re-running must not break a configured report); rotate by adding consumer_2 (docs).
    secret="read-key-$tenant-${consumer//_/-}"
    key=$(az keyvault secret show --vault-name "$vault" --name "$secret" --query value --output tsv 2>/dev/null || true)
    if [ -z "$key" ]; then
      log "creating read key $consumer for tenant $tenant in Key Vault $vault as $secret"
      key=$(openssl rand -hex 32)
      az keyvault secret set --vault-name "$vault" --name "$secret" --value "$key" \
        --content-type "Pipeline read key of $consumer for tenant $tenant (X-Pipeline-Key header or key query parameter)" \
        --tags tenant="$tenant" consumer="$consumer" app="$app" --output none
    else
      log "read key $secret already exists in $vault"
    fi

    hash="sha256:$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
    az functionapp config appsettings set --resource-group "$resource_group" --name "$app" \
      --settings "Pipeline__Auth__ReadKeys__${tenant}__${consumer}=$hash" --output none
    log "app setting Pipeline__Auth__ReadKeys__${tenant}__${consumer} set; add to readKeyHashes in main.parameters.json:"
    printf '"%s__%s": "%s"\n' "$tenant" "$consumer" "$hash"
  done
}

if [ "$do_subscription" = true ]; then
  create_event_subscription
fi
if [ "$do_keys" = true ] && [ -n "$read_keys" ]; then
  create_read_keys
fi
log "done"
