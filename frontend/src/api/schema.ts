/**
 * Generated from the API's OpenAPI document by `npm run api:types` (backend/src/cli/openapi.ts, with
 * openapi-typescript): do not edit. Change the backend's DTOs and their Swagger decorators, then
 * regenerate; `npm run api:types:check` (part of `npm test`) fails while this file is out of date.
 */
export type paths = {
  '/api/auth/nonce': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuthController_nonce'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_verify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/renew': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_renew'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['UsersController_list'];
    put?: never;
    post: operations['UsersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['UsersController_get'];
    put: operations['UsersController_update'];
    post?: never;
    delete: operations['UsersController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ProjectsController_list'];
    put?: never;
    post: operations['ProjectsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ProjectsController_get'];
    put: operations['ProjectsController_update'];
    post?: never;
    delete: operations['ProjectsController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ItemsController_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ItemsController_list'];
    put?: never;
    post: operations['ItemsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/items/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ItemsController_get'];
    put: operations['ItemsController_update'];
    post?: never;
    delete: operations['ItemsController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/files/{cid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FilesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}/next': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AssignmentsController_next'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}/progress': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AssignmentsController_progress'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/assignments/{id}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AssignmentsController_submit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/assignments/{id}/skip': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AssignmentsController_skip'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/assignments/{id}/draft': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['AssignmentsController_draft'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/earnings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['EarningsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/epochs/{id}/proof': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['EarningsController_proof'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/epochs/{id}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['EarningsController_claim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/epochs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RewardsAdminController_listEpochs'];
    put?: never;
    post: operations['RewardsAdminController_closeEpoch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/epochs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RewardsAdminController_getEpoch'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/epochs/{id}/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['RewardsAdminController_voidEpoch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/epochs/{id}/sweep': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['RewardsAdminController_sweep'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/ledger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RewardsAdminController_listLedger'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/payouts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RewardsAdminController_listPayouts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/chain': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RewardsAdminController_chainInfo'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/ocean/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['OceanController_config'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/annotations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AnnotationsController_list'];
    put?: never;
    post: operations['AnnotationsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/annotations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AnnotationsController_get'];
    put: operations['AnnotationsController_update'];
    post?: never;
    delete: operations['AnnotationsController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/labels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MyLabelsController_overview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/labels/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MyLabelsController_get'];
    put: operations['MyLabelsController_correct'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stats/dashboard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StatsController_dashboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DatasetsController_list'];
    put?: never;
    post: operations['DatasetsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{id}/synthetic': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['DatasetsController_createSynthetic'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{id}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['DatasetsController_publish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DatasetsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{id}/files/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DatasetsController_file'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/aquarius/assets/ddo/{did}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AquariusController_resolve'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/aquarius/assets/metadata/{did}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AquariusController_metadata'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/aquarius/assets/query': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AquariusController_query'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/aquarius/assets/metadata/query': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AquariusController_metadataQuery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/aquarius/assets/ddo/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AquariusController_validate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/market/assets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MarketController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/market/assets/{did}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MarketController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/market/assets/{did}/sample': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MarketController_sample'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/market/assets/{did}/croissant.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MarketController_croissant'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sales': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SalesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sales/revenue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SalesController_revenue'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sales/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SalesController_settings'];
    put: operations['SalesController_updateSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sales/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SalesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{id}/listing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ListingController_get'];
    put?: never;
    post: operations['ListingController_set'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/market/purchases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PurchasesController_purchases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/market/buyer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['PurchasesController_becomeBuyer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/dev/faucet': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FaucetController_grant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['NodeRootController_root'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/services/nonce': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ProviderController_nonce'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/services/initialize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ProviderController_initialize'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/services/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ProviderController_download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/services/encrypt': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ProviderController_encrypt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/services/fileInfo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ProviderController_fileInfo'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}/quality': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['QualityController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}/quality/aggregate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['QualityController_aggregate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}/quality/qualifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['QualityController_qualifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{id}/quality/qualifications/{annotatorId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['QualityController_resetQualification'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/suspensions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SuspensionsController_list'];
    put?: never;
    post: operations['SuspensionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/suspensions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SuspensionsController_get'];
    put: operations['SuspensionsController_update'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReviewsController_queue'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/review/{itemId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ReviewsController_decide'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/annotators/{id}/quality': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AnnotatorQualityController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/suspension': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MySuspensionController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/suspension/review-request': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['MySuspensionController_requestReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    NonceDto: {
      /** @example kT3nV0qL8aZ1xY2w */
      nonce: string;
      expiresAt: string;
    };
    VerifyDto: {
      /** @description The EIP-4361 message the wallet signed */
      message: string;
      /** @description 0x-prefixed personal_sign signature */
      signature: string;
    };
    /** @enum {string} */
    Role: 'annotator' | 'reviewer' | 'admin' | 'buyer';
    UserDto: {
      id: number;
      /** @example 0x52908400098527886E0F7030069857D2E4169EE7 */
      address: string;
      roles: components['schemas']['Role'][];
      createdAt: string;
      lastSignInAt: string | null;
    };
    SessionDto: {
      token: string;
      /** @description When this token stops working: renew it before (POST /api/auth/renew) */
      expiresAt: string;
      /** @description Renewals end here (SESSION_MAX_AGE_SECONDS after the wallet signed): then sign in again */
      renewableUntil: string;
      user: components['schemas']['UserDto'];
    };
    CreateUserDto: {
      address: string;
      roles?: components['schemas']['Role'][];
    };
    UpdateUserDto: {
      roles: ('annotator' | 'reviewer' | 'admin' | 'buyer')[];
    };
    /** @enum {string} */
    ProjectType: 'classification' | 'multilabel' | 'spans' | 'boxes' | 'text';
    /** @enum {string} */
    ProjectStatus: 'draft' | 'active' | 'paused' | 'completed';
    ProjectStatsDto: {
      items: number;
      /** @description Items with all their annotations */
      completedItems: number;
      /** @description Labels submitted, counted or discarded: the annotations list filtered by the project gives as many */
      annotations: number;
      /** @description Of those, labels that stopped counting (their annotator was suspended, or a reviewer rejected the item) */
      discardedAnnotations: number;
    };
    ProjectDto: {
      id: number;
      name: string;
      type: components['schemas']['ProjectType'];
      labels: string[];
      overlap: number;
      maxOverlap: number;
      targetConfidence: number;
      /** @description Managers only, like the two below: annotators are not told how they are checked */
      goldRate?: number;
      qualificationSize?: number;
      qualificationMinAccuracy?: number;
      leaseSeconds: number;
      rewardPerLabel: string;
      /** @description Managers only */
      rewardBudget?: string | null;
      instructions: string;
      status: components['schemas']['ProjectStatus'];
      createdAt: string;
      updatedAt: string;
      stats?: components['schemas']['ProjectStatsDto'];
    };
    CreateProjectDto: {
      name: string;
      type: components['schemas']['ProjectType'];
      /**
       * @example [
       *       "positive",
       *       "negative"
       *     ]
       */
      labels: string[];
      /** @description Annotations each item gets */
      overlap: number;
      /** @description Dynamic overlap: most labels an unsure item may get (default: overlap) */
      maxOverlap?: number;
      /** @description Confidence at which an item is settled (default 0.8) */
      targetConfidence?: number;
      /** @description Share of assignments that are gold items, when the project has gold (default 0.1) */
      goldRate?: number;
      /** @description Gold items a new annotator answers (gold-heavy) before their labels count; 0 turns it off (default 4) */
      qualificationSize?: number;
      /** @description Share of the qualification to answer correctly (default 0.75) */
      qualificationMinAccuracy?: number;
      /** @description How long an annotator holds an item */
      leaseSeconds?: number;
      /**
       * @description Tokens per accepted label, a decimal string
       * @example 0.5
       */
      rewardPerLabel: string;
      /**
       * @description Most tokens the project pays in all; null: no limit
       * @example 1000
       */
      rewardBudget?: string | null;
      instructions?: string;
      status?: components['schemas']['ProjectStatus'];
    };
    UpdateProjectDto: {
      name?: string;
      type?: components['schemas']['ProjectType'];
      /**
       * @example [
       *       "positive",
       *       "negative"
       *     ]
       */
      labels?: string[];
      /** @description Annotations each item gets */
      overlap?: number;
      /** @description Dynamic overlap: most labels an unsure item may get (default: overlap) */
      maxOverlap?: number;
      /** @description Confidence at which an item is settled (default 0.8) */
      targetConfidence?: number;
      /** @description Share of assignments that are gold items, when the project has gold (default 0.1) */
      goldRate?: number;
      /** @description Gold items a new annotator answers (gold-heavy) before their labels count; 0 turns it off (default 4) */
      qualificationSize?: number;
      /** @description Share of the qualification to answer correctly (default 0.75) */
      qualificationMinAccuracy?: number;
      /** @description How long an annotator holds an item */
      leaseSeconds?: number;
      /**
       * @description Tokens per accepted label, a decimal string
       * @example 0.5
       */
      rewardPerLabel?: string;
      /**
       * @description Most tokens the project pays in all; null: no limit
       * @example 1000
       */
      rewardBudget?: string | null;
      instructions?: string;
      status?: components['schemas']['ProjectStatus'];
    };
    ImportRejectionDto: {
      /** @description Array element, JSONL line or CSV line (header = 1); file name for uploads */
      line: number;
      file?: string;
      message: string;
    };
    ImportResultDto: {
      imported: number;
      /** @description Records whose externalId was imported before (left unchanged) */
      duplicates: number;
      rejected: components['schemas']['ImportRejectionDto'][];
      /** @description True when more rejections happened than are listed */
      rejectedTruncated?: boolean;
      rejectedCount: number;
    };
    ClassificationResultDto: {
      label: string;
    };
    MultilabelResultDto: {
      /** @description In the project's label order */
      labels: string[];
    };
    SpanDto: {
      /** @description UTF-16 offset into data.text */
      start: number;
      /** @description UTF-16 offset, exclusive */
      end: number;
      label: string;
    };
    SpansResultDto: {
      /** @description Sorted by start, then end */
      spans: components['schemas']['SpanDto'][];
    };
    BoxDto: {
      /** @description Left edge, natural image pixels */
      x: number;
      /** @description Top edge, natural image pixels */
      y: number;
      w: number;
      h: number;
      label: string;
    };
    BoxesResultDto: {
      boxes: components['schemas']['BoxDto'][];
    };
    TextResultDto: {
      text: string;
    };
    ItemMediaDto: {
      /** @description The stored file (an uploaded image) */
      cid?: string;
      mime?: string;
      /** @description Natural pixels */
      width?: number;
      /** @description Natural pixels */
      height?: number;
    };
    /** @enum {string} */
    ItemStatus: 'open' | 'in_progress' | 'completed';
    ItemDto: {
      id: number;
      projectId: number;
      externalId: string | null;
      data: {
        [key: string]: unknown;
      };
      media: components['schemas']['ItemMediaDto'] | null;
      /** @description Signed URLs of the item's stored files by CID (`ipfs://<cid>` values of data, media), for the caller only and short-lived */
      files: {
        [key: string]: string;
      };
      overlap: number;
      /** @description A gold item’s known answer (admins only; never sent to annotators) */
      gold:
        | (
            | components['schemas']['ClassificationResultDto']
            | components['schemas']['MultilabelResultDto']
            | components['schemas']['SpansResultDto']
            | components['schemas']['BoxesResultDto']
            | components['schemas']['TextResultDto']
          )
        | null;
      /** @description Labels that count (what completes the item); discarded ones are not among them */
      annotationCount: number;
      /** @description Labels discarded (suspension, rejected review): with annotationCount, every label submitted, as the annotations list shows */
      discardedAnnotationCount: number;
      status: components['schemas']['ItemStatus'];
      createdAt: string;
    };
    CreateItemDto: {
      projectId: number;
      externalId?: string;
      data: {
        [key: string]: unknown;
      };
      /** @description Known answer: makes this a gold item */
      gold?:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
    };
    UpdateItemDto: {
      data?: {
        [key: string]: unknown;
      };
      overlap?: number;
    };
    AssignmentItemDto: {
      /** @description An opaque, stable reference to the item (not its database id) */
      id: string;
      data: {
        [key: string]: unknown;
      };
      /** @description Signed URLs of the stored files the item shows (`ipfs://<cid>` values of data) by CID, for this annotator while leased */
      files: {
        [key: string]: string;
      };
    };
    AssignmentDto: {
      assignmentId: number;
      item: components['schemas']['AssignmentItemDto'];
      expiresAt: string;
      /** @description Unfinished work saved with PUT /assignments/:id/draft */
      draft?:
        | {
            [key: string]: unknown;
          }
        | unknown[]
        | string
        | number
        | boolean;
    };
    ProgressDto: {
      /** @description Items this annotator could still be assigned: regular items open to them, their live lease, and, while either of those is non-zero, the check items they have not been given */
      remaining: number;
      /** @description Items this annotator labeled in the project */
      done: number;
    };
    SubmitDto: {
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
      /** @description Time the annotator spent, in milliseconds, as the client measured it: kept for display only. Rules that judge speed use the time the server measured from handing out the lease to receiving the submit. */
      leadTimeMs: number;
    };
    SubmittedDto: {
      annotationId: number;
      /** @description With ?next=true: the next assignment in the same project (null when nothing is left), saving a round trip */
      next?: components['schemas']['AssignmentDto'] | null;
    };
    DraftDto: {
      /** @description The unfinished result, in any shape the client likes */
      result:
        | {
            [key: string]: unknown;
          }
        | unknown[]
        | string
        | number
        | boolean;
    };
    DraftSavedDto: {
      expiresAt: string;
    };
    ChainRefDto: {
      chainId: number;
      rpcUrl: string;
      token: string;
      distributor: string;
      explorerTxUrl: string | null;
    };
    RelayTermsDto: {
      /** @description Smallest share (tokens) the platform claims gas-free */
      minAmount: string;
      /** @description `minAmount` in the smallest unit */
      minAmountWei: string;
      /** @description Gas-free claims per annotator in any 24 hours */
      dailyCap: number;
    };
    EarningsTotalsDto: {
      /** @description Credited, not yet in an epoch */
      pending: string;
      claimable: string;
      claimed: string;
      expired: string;
    };
    /** @enum {string} */
    EpochMode: 'claim' | 'push';
    /** @enum {string} */
    EpochStatus: 'closed' | 'posted' | 'paid' | 'swept' | 'failed' | 'voided';
    MyEpochDto: {
      epochId: number;
      mode: components['schemas']['EpochMode'];
      status: components['schemas']['EpochStatus'];
      amount: string;
      amountWei: string;
      leafIndex: number;
      expiresAt: string;
      claimable: boolean;
      claimed: boolean;
      /** @description The epoch was voided before this share was paid: its amount is back in pending */
      voided: boolean;
      txHash: string | null;
    };
    /** @enum {string} */
    LedgerKind: 'reward' | 'reversal' | 'adjustment' | 'sale_share';
    LedgerLineDto: {
      id: string;
      kind: components['schemas']['LedgerKind'];
      amount: string;
      projectId: number | null;
      projectName: string | null;
      createdAt: string;
    };
    DatasetSalesShareDto: {
      versionId: number | null;
      name: string | null;
      /** @description Sales of the dataset they had a share of */
      sales: number;
      /** @description Their labels in the dataset */
      labels: number;
      /** @description Reward tokens from those sales */
      amount: string;
    };
    EarningsDto: {
      chain: components['schemas']['ChainRefDto'];
      relay: components['schemas']['RelayTermsDto'];
      totals: components['schemas']['EarningsTotalsDto'];
      epochs: components['schemas']['MyEpochDto'][];
      recent: components['schemas']['LedgerLineDto'][];
      /** @description Dataset sales: their share of the sales of each dataset holding their labels */
      datasetSales: components['schemas']['DatasetSalesShareDto'][];
    };
    ProofDto: {
      epochId: number;
      index: number;
      account: string;
      amountWei: string;
      proof: string[];
      distributor: string;
      chainId: number;
    };
    /** @enum {string} */
    RelayedClaimStatus: 'queued' | 'confirmed';
    RelayedClaimDto: {
      status: components['schemas']['RelayedClaimStatus'];
      txHash: string | null;
      /** @description Sending it hit errors; it is being retried */
      retrying: boolean;
    };
    EpochDto: {
      id: number;
      mode: components['schemas']['EpochMode'];
      /** @description closed: its transactions are on their way (retried while the chain has trouble); failed: one failed for good */
      status: components['schemas']['EpochStatus'];
      /** @description Tokens, decimal string */
      total: string;
      /** @description Smallest unit */
      totalWei: string;
      recipients: number;
      root: string | null;
      expiresAt: string;
      createdAt: string;
      postedAt: string | null;
      claimedCount: number;
      claimedAmount: string;
      postTxHash: string | null;
      voidedAt: string | null;
      /** @description Its transactions not settled yet */
      pendingTxs: number;
      /** @description Some of its transactions hit errors and are being retried */
      retrying: boolean;
      /** @description Why it failed, or the latest error of a transaction being retried */
      lastError: string | null;
    };
    CloseEpochDto: {
      /** @description claim: a Merkle root annotators claim from; push: paid by batch transfers */
      mode: components['schemas']['EpochMode'];
      /** @description Days annotators have to claim (default EPOCH_EXPIRY_DAYS) */
      expiresInDays?: number;
    };
    SweepQueuedDto: {
      /** @enum {string} */
      status: 'queued';
    };
    LedgerEntryDto: {
      id: string;
      annotatorId: number;
      address: string;
      projectId: number | null;
      projectName: string | null;
      annotationId: number | null;
      kind: components['schemas']['LedgerKind'];
      amount: string;
      multiplierBps: number | null;
      createdAt: string;
    };
    /** @enum {string} */
    PayoutLane: 'payout' | 'relay';
    /** @enum {string} */
    PayoutStatus: 'intent' | 'signed' | 'confirmed' | 'failed' | 'cancelled';
    PayoutTxDto: {
      id: number;
      /** @example epoch:3:post */
      purpose: string;
      lane: components['schemas']['PayoutLane'];
      status: components['schemas']['PayoutStatus'];
      /** @description The latest version signed, or the one mined */
      hash: string | null;
      /** @description Versions signed (more than one: replaced with higher fees) */
      versions: number;
      sender: string | null;
      nonce: number | null;
      blockNumber: number | null;
      gasUsed: number | null;
      /** @description Why it failed for good */
      error: string | null;
      /** @description Tries that went wrong (the transaction stays pending and is retried) */
      attempts: number;
      lastError: string | null;
      /** @description Not tried again before */
      nextAttemptAt: string | null;
      createdAt: string;
      updatedAt: string;
    };
    TokenInfoDto: {
      address: string;
      name: string;
      symbol: string;
      totalSupply: string;
    };
    DistributorInfoDto: {
      address: string;
      /** @description Tokens the distributor holds for claims */
      balance: string;
    };
    BudgetDto: {
      projectId: number;
      name: string;
      budget: string | null;
      credited: string;
      committed: string;
    };
    ChainInfoDto: {
      chainId: number;
      rpcUrl: string;
      blockNumber: number;
      operator: string;
      /** @description Gas money of the operator, in ETH */
      operatorEth: string;
      token: components['schemas']['TokenInfoDto'];
      distributor: components['schemas']['DistributorInfoDto'];
      budgets: components['schemas']['BudgetDto'][];
    };
    OceanConfigDto: {
      chainId: number;
      /** @description ocean.js network name (address-file key): `development` on the embedded chain */
      network: string;
      /** @description The chain JSON-RPC URL wallets and scripts use */
      nodeUri: string;
      /** @description Tessera's public URL: provider and metadata cache (ocean.js 8.x) */
      oceanNodeUri: string;
      /** @description Same as oceanNodeUri (older ocean.js name) */
      providerUri: string;
      /** @description Same as oceanNodeUri (older ocean.js name) */
      metadataCacheUri: string;
      /** @description The provider key's address (signs provider fees); null: PROVIDER_PRIVATE_KEY unset */
      providerAddress: string | null;
      nftFactoryAddress: string;
      fixedRateExchangeAddress: string;
      dispenserAddress: string;
      /** @description The base token prices are in */
      oceanTokenAddress: string;
      oceanTokenSymbol: string;
      routerFactoryAddress: string;
      opfCommunityFeeCollector: string;
      /** @description Block of the contracts deployment (0: unknown) */
      startBlock: number;
      /** @description Block explorer, when one is configured (EXPLORER_TX_URL) */
      explorerUri: string | null;
      /** @enum {string} */
      sdk: 'evm';
      transactionBlockTimeout: number;
      transactionConfirmationBlocks: number;
      transactionPollingTimeout: number;
      gasFeeMultiplier: number;
    };
    /**
     * @description Whether the label still counts
     * @enum {string}
     */
    AnnotationStatus: 'counted' | 'discarded';
    AnnotationDto: {
      id: number;
      projectId: number;
      /** @description The item's id; for an annotator reading their own labels, the opaque reference their assignments showed */
      itemId: number | string;
      annotatorId: number;
      annotatorAddress: string;
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
      /** @description Time spent as the client reported it (display only) */
      leadTimeMs: number;
      /** @description Time from the lease being handed out to the submit, as the server measured it; null for labels made without a lease */
      serverTimeMs: number | null;
      /** @description Whether the label still counts */
      status: components['schemas']['AnnotationStatus'];
      /** @description When the label stopped counting (its annotator was suspended, or a reviewer rejected the item) */
      discardedAt: string | null;
      createdAt: string;
    };
    CreateAnnotationDto: {
      itemId: number;
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
      leadTimeMs?: number;
    };
    UpdateAnnotationDto: {
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
    };
    LabelCountsDto: {
      /** @description Every label this annotator submitted */
      submitted: number;
      /** @description Awaiting the quality check */
      pending: number;
      /** @description Matched the settled answer: they count (and earn) */
      accepted: number;
      /** @description Their item was settled otherwise */
      rejected: number;
      /** @description Withdrawn by a suspension */
      discarded: number;
    };
    ProjectTrustDto: {
      projectId: number;
      projectName: string;
      /** @description Trust, 0..1, from the last quality check of the project */
      trust: number;
      /** @description What an accepted label earns, times the project rate (0.5..1.25) */
      multiplier: number;
    };
    TrustRuleDto: {
      /** @description Trust at which a label earns exactly the rate */
      parTrust: number;
      minMultiplier: number;
      maxMultiplier: number;
      /** @description Trust of an annotator the quality check has not measured yet */
      startingTrust: number;
    };
    /**
     * @description pending: the quality check has not decided its item yet; accepted: it matches the settled answer and counts; rejected: the item was settled otherwise; discarded: withdrawn by a suspension
     * @enum {string}
     */
    LabelStatus: 'pending' | 'accepted' | 'rejected' | 'discarded';
    MyLabelDto: {
      id: number;
      projectId: number;
      projectName: string;
      projectType: components['schemas']['ProjectType'];
      /** @description The opaque reference the assignment showed for the item */
      itemId: string;
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
      /** @description pending: the quality check has not decided its item yet; accepted: it matches the settled answer and counts; rejected: the item was settled otherwise; discarded: withdrawn by a suspension */
      status: components['schemas']['LabelStatus'];
      /** @description The label may still be corrected (PUT /me/labels/:id): pending, and its project active */
      correctable: boolean;
      /** @description Tokens the label earned so far (net of reversals), decimal string */
      earned: string;
      createdAt: string;
    };
    MyLabelsDto: {
      counts: components['schemas']['LabelCountsDto'];
      trust: components['schemas']['ProjectTrustDto'][];
      trustRule: components['schemas']['TrustRuleDto'];
      /** @description The latest labels, newest first */
      recent: components['schemas']['MyLabelDto'][];
    };
    MyLabelItemDto: {
      data: {
        [key: string]: unknown;
      };
      /** @description Signed URLs of the item's stored files by CID */
      files: {
        [key: string]: string;
      };
    };
    MyLabelDetailDto: {
      id: number;
      projectId: number;
      projectName: string;
      projectType: components['schemas']['ProjectType'];
      /** @description The opaque reference the assignment showed for the item */
      itemId: string;
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
      /** @description pending: the quality check has not decided its item yet; accepted: it matches the settled answer and counts; rejected: the item was settled otherwise; discarded: withdrawn by a suspension */
      status: components['schemas']['LabelStatus'];
      /** @description The label may still be corrected (PUT /me/labels/:id): pending, and its project active */
      correctable: boolean;
      /** @description Tokens the label earned so far (net of reversals), decimal string */
      earned: string;
      createdAt: string;
      /** @description The item as the annotator labeled it, to correct the label in the same widget */
      item: components['schemas']['MyLabelItemDto'];
    };
    CorrectLabelDto: {
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
    };
    LabelsPerDayDto: {
      /** @example 2026-11-25 */
      day: string;
      labels: number;
    };
    ActiveAnnotatorsDto: {
      today: number;
      last7Days: number;
      last30Days: number;
    };
    TotalsDto: {
      projects: number;
      items: number;
      /** @description Labels submitted, counted or discarded: the figure the projects and the annotations list also give */
      annotations: number;
      /** @description Of those, labels that stopped counting (their annotator was suspended, or a reviewer rejected the item) */
      discardedAnnotations: number;
      annotators: number;
      /** @description Items waiting for a reviewer */
      pendingReviews: number;
      /** @description Suspensions not lifted */
      activeSuspensions: number;
    };
    ProjectProgressDto: {
      id: number;
      name: string;
      status: components['schemas']['ProjectStatus'];
      items: number;
      completedItems: number;
      /** @description Labels submitted, counted or discarded */
      annotations: number;
      /** @description Of those, labels that stopped counting */
      discardedAnnotations: number;
    };
    DashboardDto: {
      /** @description The last 30 days (UTC), days without labels included */
      labelsPerDay: components['schemas']['LabelsPerDayDto'][];
      activeAnnotators: components['schemas']['ActiveAnnotatorsDto'];
      totals: components['schemas']['TotalsDto'];
      projects: components['schemas']['ProjectProgressDto'][];
    };
    /** @enum {string} */
    DatasetKind: 'curated' | 'synthetic';
    DatasetFiltersDto: {
      /** @description Only answers at least this confident */
      minConfidence?: number;
      /** @description Only answers a reviewer accepted or fixed */
      reviewedOnly?: boolean;
      /**
       * @description Only answers given at or after this time (ISO 8601)
       * @example 2026-01-01T00:00:00Z
       */
      from?: string;
      /**
       * @description Only answers given at or before this time (ISO 8601)
       * @example 2026-12-31T23:59:59Z
       */
      to?: string;
      /** @description Include gold items with their gold answers (default false: they are the platform's test questions, and publishing them leaks them) */
      includeGold?: boolean;
    };
    SplitsDto: {
      /** @example 0.8 */
      train: number;
      /** @example 0.1 */
      validation: number;
      /** @example 0.1 */
      test: number;
    };
    /** @enum {string} */
    DatasetStatus: 'building' | 'ready' | 'failed';
    /** @enum {string} */
    DatasetBuildStep: 'select' | 'synthesize' | 'describe' | 'export' | 'ready';
    DatasetProgressDto: {
      step: components['schemas']['DatasetBuildStep'];
      done: number;
      total: number;
    };
    DatasetFileDto: {
      /** @example data.jsonl */
      name: string;
      /** @example jsonl */
      format: string;
      /** @example application/jsonlines */
      mediaType: string;
      /** @description Plaintext size in bytes */
      bytes: number;
      /** @description sha256 of the plaintext, hex */
      sha256: string;
      /** @description CID of the encrypted file in IPFS */
      cid: string;
      /** @description Size of the encrypted file in bytes */
      encryptedBytes: number;
    };
    /** @enum {string} */
    PublicationStatus: 'publishing' | 'published' | 'failed';
    /**
     * @description The step running (or where it failed); done once published
     * @enum {string}
     */
    PublicationStep: 'export' | 'encrypt' | 'store' | 'mint' | 'metadata' | 'done';
    PublicationDto: {
      status: components['schemas']['PublicationStatus'];
      /** @description The step running (or where it failed); done once published */
      step: components['schemas']['PublicationStep'];
      /** @description Base tokens per datatoken; null when free */
      price: string | null;
      free: boolean;
      /** @example did:op:… */
      did: string | null;
      nftAddress: string | null;
      datatokenAddress: string | null;
      /** @description The fixed-rate exchange contract */
      exchangeAddress: string | null;
      exchangeId: string | null;
      dispenserAddress: string | null;
      mintTx: string | null;
      metadataTx: string | null;
      /** @description Prefix of transaction links (EXPLORER_TX_URL), the hash appended */
      explorerTxUrl: string | null;
      error: string | null;
      createdAt: string;
      publishedAt: string | null;
    };
    DatasetDto: {
      id: number;
      projectId: number;
      kind: components['schemas']['DatasetKind'];
      /** @description The version a synthetic version was made from */
      sourceVersionId: number | null;
      name: string;
      description: string;
      /** @description SPDX identifier */
      license: string;
      intendedUse: string | null;
      filters: components['schemas']['DatasetFiltersDto'];
      splits: components['schemas']['SplitsDto'];
      seed: number;
      status: components['schemas']['DatasetStatus'];
      progress: components['schemas']['DatasetProgressDto'];
      error: string | null;
      itemCount: number | null;
      /** @description Listed once the version is ready */
      files: components['schemas']['DatasetFileDto'][];
      /** @description Datasheets for Datasets: motivation, composition, collection, labeling, distribution */
      datasheet: {
        [key: string]: unknown;
      } | null;
      /** @description Which project, items, answers, methods and rule the version was built from */
      provenance: {
        [key: string]: unknown;
      } | null;
      /** @description A synthetic version's report */
      report: {
        [key: string]: unknown;
      } | null;
      /** @description Its publication on Ocean, once asked for */
      publication: components['schemas']['PublicationDto'] | null;
      createdAt: string;
      updatedAt: string;
      finishedAt: string | null;
    };
    CreateDatasetDto: {
      projectId: number;
      name: string;
      description?: string;
      /**
       * @description SPDX licence identifier (spdx.org/licenses)
       * @example CC-BY-4.0
       */
      license: string;
      /** @description What the dataset is meant for, as the datasheet states it */
      intendedUse?: string;
      filters?: components['schemas']['DatasetFiltersDto'];
      /** @description Fractions summing to 1 (default 0.8 / 0.1 / 0.1) */
      splits?: components['schemas']['SplitsDto'];
      /** @description Seed of the split (default: random, recorded) */
      seed?: number;
    };
    DatasetCreatedDto: {
      id: number;
      status: components['schemas']['DatasetStatus'];
    };
    CreateSyntheticDto: {
      /** @description How many synthetic rows to make */
      rows: number;
      /** @description Seed of the synthesizer (default: random, recorded) */
      seed?: number;
    };
    PublishDatasetDto: {
      /**
       * @description Base tokens (OCEAN on the embedded chain) per datatoken, a decimal string with at most 18 decimals; or free
       * @example 2.5
       */
      price?: string;
      /** @description Free through a dispenser instead of a price */
      free?: boolean;
    };
    PublishQueuedDto: {
      id: number;
      status: components['schemas']['PublicationStatus'];
    };
    ValidateDdoDto: {
      /** @description The DDO (4.1.0) to validate and hash */
      ddo: {
        [key: string]: unknown;
      };
      /** @description The publisher, whose signature over publisherAddress + nonce + "validateDDO" is checked when given */
      publisherAddress?: string;
      nonce?: string;
      signature?: string;
    };
    DdoValidationDto: {
      /** @description '0x' + sha256(JSON.stringify(ddo)): the metadata hash to set on chain */
      hash: string;
      /** @description The provider's address (the validator) */
      publicKey: string;
      /** @description Signature r, as a one-element array (ocean.js reads r[0]) */
      r: string[];
      /** @description Signature s, as a one-element array (ocean.js reads s[0]) */
      s: string[];
      /** @description 27 or 28 */
      v: number;
    };
    MarketAssetDto: {
      /** @example did:op:… */
      did: string;
      name: string;
      /** @description In a list, its first 2,000 characters; whole on the asset page */
      description: string;
      tags: string[];
      nftAddress: string;
      /**
       * @description A Tessera version's kind; null for an external listing
       * @enum {string|null}
       */
      kind: 'curated' | 'synthetic' | null;
      /** @description Published through the factory by someone else than Tessera */
      external: boolean;
      /** @example classification */
      taskType: string | null;
      /** @example CC-BY-4.0 */
      license: string | null;
      /** @description Base tokens per datatoken (decimal); null when free or unpriced */
      price: string | null;
      free: boolean;
      /** @description Plaintext bytes of the files (Tessera assets) */
      sizeBytes: number | null;
      /** @description Labels (annotations) behind the version */
      labelCount: number | null;
      /** @description Krippendorff's alpha of the labels */
      agreement: number | null;
      /** @description Mean confidence of the version's answers */
      confidence: number | null;
      /** @description Agreement, else confidence, else the synthetic report score: what `sort=quality` orders by */
      quality: number | null;
      sales: number;
      listedAt: string | null;
    };
    MarketFileDto: {
      name: string;
      format: string;
      mediaType: string;
      bytes: number;
      /** @description sha256 of the plaintext */
      sha256: string;
    };
    MarketDatatokenDto: {
      address: string;
      name: string;
      symbol: string;
      serviceId: string;
      orders: number;
      /** @description [{type, price, token, contract, exchangeId}] */
      prices: {
        [key: string]: unknown;
      }[];
    };
    MarketChainDto: {
      chainId: number;
      nftAddress: string;
      owner: string;
      /** @description Metadata state (0 active) */
      state: number;
      mintTx: string;
      metadataTx: string;
      /** @description Explorer link of the mint (EXPLORER_TX_URL) */
      mintTxUrl: string | null;
      metadataTxUrl: string | null;
      datatokens: components['schemas']['MarketDatatokenDto'][];
    };
    MarketAssetPageDto: {
      /** @example did:op:… */
      did: string;
      name: string;
      /** @description In a list, its first 2,000 characters; whole on the asset page */
      description: string;
      tags: string[];
      nftAddress: string;
      /**
       * @description A Tessera version's kind; null for an external listing
       * @enum {string|null}
       */
      kind: 'curated' | 'synthetic' | null;
      /** @description Published through the factory by someone else than Tessera */
      external: boolean;
      /** @example classification */
      taskType: string | null;
      /** @example CC-BY-4.0 */
      license: string | null;
      /** @description Base tokens per datatoken (decimal); null when free or unpriced */
      price: string | null;
      free: boolean;
      /** @description Plaintext bytes of the files (Tessera assets) */
      sizeBytes: number | null;
      /** @description Labels (annotations) behind the version */
      labelCount: number | null;
      /** @description Krippendorff's alpha of the labels */
      agreement: number | null;
      /** @description Mean confidence of the version's answers */
      confidence: number | null;
      /** @description Agreement, else confidence, else the synthetic report score: what `sort=quality` orders by */
      quality: number | null;
      sales: number;
      listedAt: string | null;
      author: string;
      /** @description The DDO without its encrypted files: id, version, chainId, metadata, services */
      ddo: {
        [key: string]: unknown;
      } | null;
      /** @description Datasheet summary (Tessera assets): instances, splits, class balance, agreement, confidence histogram, annotators */
      datasheet: {
        [key: string]: unknown;
      } | null;
      /** @description The fields of the records */
      schema: {
        [key: string]: unknown;
      } | null;
      files: components['schemas']['MarketFileDto'][];
      /** @description Where the Croissant 1.0 metadata is downloaded */
      croissantUrl: string | null;
      /** @description A synthetic version's report */
      syntheticReport: {
        [key: string]: unknown;
      } | null;
      chain: components['schemas']['MarketChainDto'];
    };
    SaleDto: {
      id: number;
      chainId: number;
      txHash: string;
      logIndex: number;
      blockNumber: number;
      soldAt: string;
      nftAddress: string;
      datatokenAddress: string;
      did: string;
      serviceIndex: number;
      consumer: string;
      payer: string;
      /** @description Paid in the base token, decimal tokens */
      amount: string;
      /** @description Paid in the base token, smallest unit */
      amountWei: string;
      baseTokenAddress: string | null;
      /** @description The Tessera dataset version sold; null for an external asset */
      versionId: number | null;
      datasetName: string | null;
      /** @description Annotators share applied, basis points */
      shareBps: number | null;
      /** @description What the annotators got, reward tokens */
      shared: string;
      /** @description Annotators paid from this sale */
      annotators: number;
    };
    DatasetRevenueDto: {
      /** @description The dataset version (react-admin id) */
      id: number;
      name: string;
      nftAddress: string | null;
      did: string | null;
      /** @description Orders */
      sales: number;
      /** @description Base tokens paid */
      revenue: string;
      /** @description Reward tokens shared with annotators */
      shared: string;
      lastSaleAt: string | null;
      /** @description Whether the last listing change asked for it to be listed (true when none) */
      listed: boolean;
    };
    AnnotatorRevenueDto: {
      /** @description The annotator (react-admin id) */
      id: number;
      address: string;
      /** @description Sales they had a share of */
      sales: number;
      datasets: number;
      /** @description Reward tokens from sales */
      amount: string;
    };
    RevenueDto: {
      datasets: components['schemas']['DatasetRevenueDto'][];
      annotators: components['schemas']['AnnotatorRevenueDto'][];
    };
    SalesSettingsDto: {
      /** @description Annotators share of each sale, basis points (3000 = 30 %) */
      shareBps: number;
      /** @description Whether an admin set it (else DATASET_SALE_SHARE_BPS holds) */
      configured: boolean;
    };
    UpdateSalesSettingsDto: {
      /** @example 3000 */
      shareBps: number;
    };
    ListingDto: {
      versionId: number;
      listed: boolean;
      /** @description The NFT metadata state asked for: 0 active, 5 unlisted */
      state: number;
      /** @enum {string} */
      status: 'none' | 'queued' | 'confirmed' | 'failed';
      txHash?: string | null;
    };
    SetListingDto: {
      /** @description true: list (NFT state 0); false: unlist (NFT state 5) */
      listed: boolean;
    };
    PurchaseDto: {
      id: number;
      did: string;
      versionId: number | null;
      datasetName: string | null;
      purchasedAt: string;
      txHash: string;
      chainId: number;
      serviceIndex: number;
      datatokenAddress: string;
      consumer: string;
      payer: string;
      /** @description Paid, base tokens */
      amount: string;
      /** @description When the order expires; null: never (or unknown) */
      validUntil: string | null;
      /** @description Whether the order still allows downloads (service timeout) */
      valid: boolean;
    };
    FaucetRequestDto: {
      /** @example 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 */
      address: string;
    };
    FaucetGrantDto: {
      address: string;
      /** @description Gas sent, ETH */
      gas: string;
      /** @description Gas transfer, mined before the answer */
      gasTxHash: string;
      /** @description Base tokens (OCEAN) sent */
      tokens: string;
      baseToken: string;
      /** @description The base-token transfer, sent by the operator through the outbox */
      tokenTxPurpose: string;
      /** @description When this address may ask again */
      nextGrantAt: string;
    };
    NodeRootDto: {
      /** @description The node's id (Tessera: its provider address, lower case) */
      nodeId: string;
      chainIds: number[];
      /** @description Signs provider fees; files are encrypted for its key */
      providerAddress: string;
      /** @description Compressed secp256k1 public key of the provider's key */
      nodePublicKey: string;
      /**
       * @description Each service as [method, path]: what ocean.js reads to call the provider
       * @example {
       *       "nonce": [
       *         "GET",
       *         "/api/services/nonce"
       *       ]
       *     }
       */
      serviceEndpoints: Record<string, never>;
      /** @example Tessera */
      software: string;
      version: string;
    };
    ProviderNonceDto: {
      /** @description The last nonce the address used (decimal), "0" when none */
      nonce: string;
    };
    ProviderFeeDto: {
      providerFeeAddress: string;
      /** @description The zero address: Tessera charges no provider fee */
      providerFeeToken: string;
      /** @example 0 */
      providerFeeAmount: string;
      /** @description 0x + hex of the UTF-8 JSON {dt, id} */
      providerData: string;
      v: number;
      r: string;
      s: string;
      /** @description Seconds since the epoch ("0": no limit) */
      validUntil: string;
    };
    InitializeResultDto: {
      datatoken: string;
      nonce: string;
      computeAddress: string;
      providerFee: components['schemas']['ProviderFeeDto'];
    };
    FileInfoRequestDto: {
      did?: string;
      /** @description A storage object's type (url, ipfs, arweave, ...): answered as a file this provider does not reach */
      type?: string;
      serviceId?: string;
      checksum?: boolean;
    };
    FileInfoDto: {
      /** @example ipfs */
      type: string;
      valid: boolean;
      /** @description Bytes, decimal */
      contentLength: string;
      contentType: string;
      name: string;
      /** @description sha256 of the plaintext */
      checksum?: string;
    };
    HealthDto: {
      /** @enum {string} */
      status: 'ok' | 'degraded';
      /** @enum {string} */
      database: 'ok' | 'down';
      /** @enum {string} */
      databaseMode: 'embedded' | 'external';
      /** @enum {string} */
      storage: 'embedded' | 'kubo';
      chainId: number;
    };
    DependencyCheckDto: {
      /** @enum {string} */
      status: 'up' | 'down';
      /** @description How long the check took (up to the readiness timeout), in milliseconds */
      latencyMs: number;
      /**
       * @description Why it is down: no answer within READY_TIMEOUT_MS, or an error (the server's log has it)
       * @enum {string}
       */
      reason?: 'timeout' | 'error';
    };
    ReadinessChecksDto: {
      /** @description PostgreSQL, through the application pool (SELECT 1) */
      database: components['schemas']['DependencyCheckDto'];
      /** @description The job queue (pg-boss), through the queue's own connections */
      queue: components['schemas']['DependencyCheckDto'];
      /** @description The chain's JSON-RPC endpoint (eth_blockNumber) */
      chain: components['schemas']['DependencyCheckDto'];
      /** @description File storage: kubo (or the embedded blockstore) answering a lookup */
      storage: components['schemas']['DependencyCheckDto'];
    };
    ReadinessDto: {
      /**
       * @description ready only when every dependency is up; stopping once the process got SIGTERM (both others are a 503)
       * @enum {string}
       */
      status: 'ready' | 'not-ready' | 'stopping';
      checks: components['schemas']['ReadinessChecksDto'];
    };
    CandidateScoreDto: {
      /**
       * @description Method and its parameters
       * @example ds(smoothing=1)
       */
      candidate: string;
      /** @enum {string} */
      method: 'mv' | 'wawa' | 'ds' | 'mmce';
      /** @description The held-out score (nats per hidden vote): the mean of heldOutItem and heldOutTypical; null when no vote could be hidden */
      heldOutLogLikelihood: number | null;
      /** @description Mean log-probability of a hidden vote by the model's full prediction for its item */
      heldOutItem: number | null;
      /** @description The same for a typical item (the item's own terms, minimax entropy's, at their prior mean 0) */
      heldOutTypical: number | null;
      /** @description False for a method's setting that lost to another setting of the same method (by the mean of heldOutItem and heldOutTypical): it is not compared with the other methods */
      settingChosen: boolean;
      /** @description Share of the gold items hidden from the fit it got right; null without gold */
      goldAccuracy: number | null;
    };
    MethodSelectionDto: {
      /** @enum {string} */
      criterion: 'gold' | 'held-out-likelihood';
      /** @example ds(smoothing=1) */
      winner: string;
      /** @description The winner's lead in the deciding criterion over the runner-up (with the held-out criterion: the best other method at its chosen setting) */
      margin: number;
      scores: components['schemas']['CandidateScoreDto'][];
      /** @description Votes scored by the held-out criterion */
      heldOutVotes: number;
      /** @description Gold items scored by the gold criterion */
      goldItems: number;
      /** @description Items the candidates were fitted on (a sample on a large project) */
      sampledItems: number;
      sampledVotes: number;
    };
    QualityStatusCountsDto: {
      /** @description Settled: confidence reached the target */
      confident?: number;
      /** @description Unsure, more annotators asked */
      needs_more_labels?: number;
      /** @description Unsure at the most labels an item may get: waiting for a reviewer */
      needs_review?: number;
    };
    ConfidenceBucketDto: {
      /** @example 0.8 */
      from: number;
      /** @example 0.9 */
      to: number;
      items: number;
    };
    WorkerQualityDto: {
      annotatorId: number;
      address: string;
      labels: number;
      accuracy: number;
      goldSeen: number;
      goldCorrect: number;
      /** @description Gold accuracy blended with accuracy against the inferred answers, in [0, 1]; box merging weighs by it */
      trust: number;
    };
    ProjectQualityDto: {
      computedAt: string | null;
      /** @description mv, wawa, ds or mmce for classification; auto otherwise */
      method: string | null;
      /** @description How the last run chose its method (classification) */
      selection: components['schemas']['MethodSelectionDto'] | null;
      statuses: components['schemas']['QualityStatusCountsDto'];
      /** @description Krippendorff's alpha (nominal), classification only */
      krippendorffAlpha: number | null;
      /** @description Fleiss' kappa, classification only */
      fleissKappa: number | null;
      confidenceHistogram: components['schemas']['ConfidenceBucketDto'][];
      workers: components['schemas']['WorkerQualityDto'][];
    };
    /** @enum {string} */
    QualificationStatus: 'qualifying' | 'passed' | 'failed';
    QualificationDto: {
      annotatorId: number;
      address: string;
      status: components['schemas']['QualificationStatus'];
      /** @description Gold items answered when the verdict was given */
      goldSeen: number;
      goldCorrect: number;
      updatedAt: string;
    };
    SuspensionDto: {
      id: number;
      annotatorId: number;
      annotatorAddress: string;
      projectId: number | null;
      /** @description The rules that fired, each with its measurements: too_fast {medianServerTimeMs, labels}, straight_lining {answer, share, crowdTopShare}, gold_failures {goldSeen, goldCorrect}, admin {by, note} */
      reasons: ({
        /** @enum {string} */
        rule: 'too_fast' | 'straight_lining' | 'gold_failures' | 'admin';
      } & {
        [key: string]: unknown;
      })[];
      active: boolean;
      createdAt: string;
      liftedAt: string | null;
      liftedBy: number | null;
      /** @description When the annotator asked for a review (the latest time) */
      reviewRequestedAt: string | null;
      /** @description What the annotator wrote with the request */
      reviewMessage: string | null;
    };
    CreateSuspensionDto: {
      annotatorId: number;
      note?: string;
    };
    UpdateSuspensionDto: {
      /** @description false lifts the suspension */
      active: boolean;
    };
    ReviewLabelDto: {
      annotationId: number;
      annotatorId: number;
      annotatorAddress: string;
      /** @description By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text} */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
    };
    ReviewItemDto: {
      /** @description The item id */
      id: number;
      projectId: number;
      data: {
        [key: string]: unknown;
      };
      /** @description Signed URLs of the stored files the item shows, by CID, for the caller only */
      files: {
        [key: string]: string;
      };
      /** @description What the engine inferred */
      result:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
      confidence: number;
      labels: components['schemas']['ReviewLabelDto'][];
    };
    /** @enum {string} */
    ReviewOutcome: 'accepted' | 'rejected' | 'fixed_and_accepted';
    ReviewDecisionDto: {
      outcome: components['schemas']['ReviewOutcome'];
      /** @description Required for fixed_and_accepted: the right answer */
      result?:
        | components['schemas']['ClassificationResultDto']
        | components['schemas']['MultilabelResultDto']
        | components['schemas']['SpansResultDto']
        | components['schemas']['BoxesResultDto']
        | components['schemas']['TextResultDto'];
    };
    ReviewDecidedDto: {
      itemId: number;
      outcome: components['schemas']['ReviewOutcome'];
    };
    AnnotatorProjectScoreDto: {
      /** @description Labels the aggregation counted */
      labels: number;
      /** @description Agreement with the inferred answers, 0..1 (Dawid-Skene: from the confusion matrix) */
      accuracy: number;
      goldSeen: number;
      goldCorrect: number;
      /** @description goldCorrect / goldSeen; null without gold items */
      goldAccuracy: number | null;
      computedAt: string;
    };
    AnnotatorProjectDto: {
      projectId: number;
      projectName: string;
      projectType: components['schemas']['ProjectType'];
      /** @description Labels that count (not discarded) */
      submitted: number;
      /** @description Labels discarded when the annotator was suspended */
      discarded: number;
      /** @description From the last aggregation; null until one counted them */
      score: components['schemas']['AnnotatorProjectScoreDto'] | null;
    };
    AnnotatorQualityDayDto: {
      /**
       * @description UTC day
       * @example 2026-11-25
       */
      day: string;
      /** @description Labels that count (not discarded) */
      labels: number;
      /** @description Labels of the day discarded since; measured nowhere */
      discarded: number;
      /** @description Labels on items with an aggregated result */
      compared: number;
      /** @description Of those, labels equal to the result */
      agreed: number;
      /** @description agreed / compared, 0..1 */
      agreement: number | null;
      goldSeen: number;
      goldCorrect: number;
      /** @description goldCorrect / goldSeen, 0..1 */
      goldAccuracy: number | null;
    };
    AnnotatorConfusionDto: {
      projectId: number;
      projectName: string;
      /** @description Row and column order */
      labels: string[];
      /** @description counts[row][column]: rows are the true labels (gold, else inferred), columns the annotator’s labels */
      counts: number[][];
      total: number;
      /** @description The diagonal */
      correct: number;
    };
    AnnotatorSuspensionDto: {
      id: number;
      /** @description null when an admin suspended directly */
      projectId: number | null;
      projectName: string | null;
      /** @description The rules that fired, each with its measurements: too_fast {medianServerTimeMs, labels}, straight_lining {answer, share, crowdTopShare}, gold_failures {goldSeen, goldCorrect}, admin {by, note} */
      reasons: ({
        /** @enum {string} */
        rule: 'too_fast' | 'straight_lining' | 'gold_failures' | 'admin';
      } & {
        [key: string]: unknown;
      })[];
      active: boolean;
      createdAt: string;
      liftedAt: string | null;
      liftedBy: number | null;
      liftedByAddress: string | null;
    };
    AnnotatorQualityDto: {
      annotatorId: number;
      address: string;
      /** @description The project filter applied to days and confusion */
      projectId: number | null;
      /** @description Every project the annotator labeled in (not filtered) */
      projects: components['schemas']['AnnotatorProjectDto'][];
      /** @description Days (UTC) with labels, oldest first */
      days: components['schemas']['AnnotatorQualityDayDto'][];
      /** @description One per classification project in scope */
      confusion: components['schemas']['AnnotatorConfusionDto'][];
      /** @description Every suspension, newest first (not filtered) */
      suspensions: components['schemas']['AnnotatorSuspensionDto'][];
    };
    /**
     * @description Where labeling is stopped: everywhere
     * @enum {string}
     */
    SuspensionScope: 'all_projects';
    MySuspensionDto: {
      id: number;
      /** @description The project whose labels gave it away; null when an admin suspended directly */
      projectId: number | null;
      projectName: string | null;
      /** @description Where labeling is stopped: everywhere */
      scope: components['schemas']['SuspensionScope'];
      /** @description The rules that fired, each with its measurements: too_fast {medianServerTimeMs, labels}, straight_lining {answer, share, crowdTopShare}, gold_failures {goldSeen, goldCorrect}, admin {by, note} */
      reasons: ({
        /** @enum {string} */
        rule: 'too_fast' | 'straight_lining' | 'gold_failures' | 'admin';
      } & {
        [key: string]: unknown;
      })[];
      createdAt: string;
      reviewRequestedAt: string | null;
      reviewMessage: string | null;
    };
    MyStandingDto: {
      /** @description The active suspension; null when the annotator may work */
      suspension: components['schemas']['MySuspensionDto'] | null;
    };
    RequestReviewDto: {
      /** @description Why the suspension should be looked at again */
      message: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  AuthController_nonce: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A single-use nonce for an EIP-4361 message */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NonceDto'];
        };
      };
    };
  };
  AuthController_verify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['VerifyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
    };
  };
  AuthController_renew: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A new token for the same session, with the current roles; 401 once it is too old */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  UsersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'][];
        };
      };
    };
  };
  UsersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  UsersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  UsersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  UsersController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  ProjectsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Annotators see active projects only */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'][];
        };
      };
    };
  };
  ProjectsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateProjectDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'];
        };
      };
    };
  };
  ProjectsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'];
        };
      };
    };
  };
  ProjectsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateProjectDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'];
        };
      };
    };
  };
  ProjectsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'];
        };
      };
    };
  };
  ItemsController_import: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description A JSON array or JSONL of {externalId?, data}, a CSV with a header row, or files (JSON, JSONL, CSV, images) */
    requestBody: {
      content: {
        'application/json': string;
        'application/x-ndjson': string;
        'text/csv': string;
        'multipart/form-data': string;
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResultDto'];
        };
      };
    };
  };
  ItemsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemDto'][];
        };
      };
    };
  };
  ItemsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateItemDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemDto'];
        };
      };
    };
  };
  ItemsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemDto'];
        };
      };
    };
  };
  ItemsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateItemDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemDto'];
        };
      };
    };
  };
  ItemsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemDto'];
        };
      };
    };
  };
  FilesController_get: {
    parameters: {
      query: {
        /** @description HMAC of cid, user and expiry */
        sig: unknown;
        /** @description Expiry (Unix seconds) */
        exp: unknown;
        /** @description The user the URL was made for */
        u: unknown;
      };
      header?: never;
      path: {
        cid: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file bytes; 403 FILE_URL_INVALID for an altered URL or another user, 401 FILE_URL_EXPIRED */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AssignmentsController_next: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The next item to label (or the one already leased) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AssignmentDto'];
        };
      };
      /** @description Nothing is left for this annotator */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AssignmentsController_progress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProgressDto'];
        };
      };
    };
  };
  AssignmentsController_submit: {
    parameters: {
      query?: {
        /** @description Also lease and return the next assignment */
        next?: boolean;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitDto'];
      };
    };
    responses: {
      /** @description A retried submit answers the same annotationId */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SubmittedDto'];
        };
      };
    };
  };
  AssignmentsController_skip: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The item went back to the pool for others */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AssignmentsController_draft: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DraftDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DraftSavedDto'];
        };
      };
    };
  };
  EarningsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EarningsDto'];
        };
      };
    };
  };
  EarningsController_proof: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's leaf and Merkle proof, as PayoutDistributor.claim takes them */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProofDto'];
        };
      };
    };
  };
  EarningsController_claim: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Claims on the caller's behalf; the platform pays the gas */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RelayedClaimDto'];
        };
      };
    };
  };
  RewardsAdminController_listEpochs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EpochDto'][];
        };
      };
    };
  };
  RewardsAdminController_closeEpoch: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CloseEpochDto'];
      };
    };
    responses: {
      /** @description Closes an epoch: totals per annotator, Merkle root, and the payout transactions queued */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EpochDto'];
        };
      };
    };
  };
  RewardsAdminController_getEpoch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EpochDto'];
        };
      };
    };
  };
  RewardsAdminController_voidEpoch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Voids an epoch that failed for good: its unpaid allocations are due again (next epoch); refused (409) while a transaction could still be mined or once its root is on chain */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EpochDto'];
        };
      };
    };
  };
  RewardsAdminController_sweep: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queues the sweep of an expired epoch's unclaimed tokens back to the operator */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SweepQueuedDto'];
        };
      };
    };
  };
  RewardsAdminController_listLedger: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LedgerEntryDto'][];
        };
      };
    };
  };
  RewardsAdminController_listPayouts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The platform's chain transactions, from intent to confirmation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayoutTxDto'][];
        };
      };
    };
  };
  RewardsAdminController_chainInfo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChainInfoDto'];
        };
      };
    };
  };
  OceanController_config: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What an ocean.js Config needs for this chain, with Tessera as the Ocean node */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OceanConfigDto'];
        };
      };
    };
  };
  AnnotationsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Annotators get only their own labels */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnotationDto'][];
        };
      };
    };
  };
  AnnotationsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAnnotationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnotationDto'];
        };
      };
    };
  };
  AnnotationsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnotationDto'];
        };
      };
    };
  };
  AnnotationsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateAnnotationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnotationDto'];
        };
      };
    };
  };
  AnnotationsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnotationDto'];
        };
      };
    };
  };
  MyLabelsController_overview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Counts by standing, trust per project and the latest labels */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyLabelsDto'];
        };
      };
    };
  };
  MyLabelsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyLabelDetailDto'];
        };
      };
    };
  };
  MyLabelsController_correct: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CorrectLabelDto'];
      };
    };
    responses: {
      /** @description Corrects the label while its item is still open (409 ASSIGNMENT_CLOSED once the quality check decided it) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyLabelDetailDto'];
        };
      };
    };
  };
  StatsController_dashboard: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Labels per day, active annotators and projects’ progress for the console */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DashboardDto'];
        };
      };
    };
  };
  DatasetsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description react-admin list: filter {id, projectId, status, kind, q}, sort, range; Content-Range */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetDto'][];
        };
      };
    };
  };
  DatasetsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDatasetDto'];
      };
    };
    responses: {
      /** @description The version is building; GET /api/datasets/:id shows its progress */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetCreatedDto'];
        };
      };
    };
  };
  DatasetsController_createSynthetic: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSyntheticDto'];
      };
    };
    responses: {
      /** @description A synthetic version made from this ready curated one is building */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetCreatedDto'];
        };
      };
    };
  };
  DatasetsController_publish: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PublishDatasetDto'];
      };
    };
    responses: {
      /** @description Publishing on Ocean has started (mint, then metadata); GET /api/datasets/:id shows its steps and, once done, the DID */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublishQueuedDto'];
        };
      };
    };
  };
  DatasetsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetDto'];
        };
      };
    };
  };
  DatasetsController_file: {
    parameters: {
      query?: never;
      header?: {
        /** @description One byte range of the plaintext, e.g. bytes=0-1023 */
        Range?: string;
      };
      path: {
        id: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file, decrypted (206 with Content-Range for a Range request; 416 outside the file) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AquariusController_resolve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        did: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The resolved asset (Aquarius.resolve, waitForIndexer); 404 when unknown */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @example did:op:… */
            id: string;
            datatokens: {
              [key: string]: unknown;
            }[];
            indexedMetadata: {
              [key: string]: unknown;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  AquariusController_metadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        did: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  AquariusController_query: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description The path ocean.js 8.6.2 calls */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            hits: {
              [key: string]: unknown;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  AquariusController_metadataQuery: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description The path Ocean Node serves */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            hits: {
              [key: string]: unknown;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  AquariusController_validate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ValidateDdoDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DdoValidationDto'];
        };
      };
    };
  };
  MarketController_list: {
    parameters: {
      query?: {
        /** @description [start, end] (default [0, 24]) */
        range?: unknown;
        /** @description ["newest"|"price"|"quality"|"sales", "ASC"|"DESC"] (default ["newest","DESC"]) */
        sort?: unknown;
        /** @description JSON object: q, taskType, license, free, kind, external, priceMin, priceMax, sizeMin, sizeMax, labelsMin, labelsMax, agreementMin, agreementMax, confidenceMin, confidenceMax */
        filter?: unknown;
        /** @description Full text over name, description, tags and labels (web search syntax: "quoted phrase", -word, or) */
        q?: unknown;
      };
      header?: {
        /** @description In the answer: JSON {taskType, license, kind, free, external}: count of listings per value under the same q and filter */
        'X-Facets'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Listings; Content-Range; facet counts in the X-Facets header */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MarketAssetDto'][];
        };
      };
    };
  };
  MarketController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        did: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MarketAssetPageDto'];
        };
      };
    };
  };
  MarketController_sample: {
    parameters: {
      query: {
        split: 'train' | 'validation' | 'test';
      };
      header?: never;
      path: {
        did: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Up to 5 records of the split, as the JSONL's rows without the annotators' individual labels */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          }[];
        };
      };
    };
  };
  MarketController_croissant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        did: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Croissant 1.0 metadata of a Tessera asset */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SalesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description react-admin list: filter {id, versionId, consumer, payer}, sort, range; Content-Range */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SaleDto'][];
        };
      };
    };
  };
  SalesController_revenue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Sales and revenue per dataset version, and what each annotator got from sales */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RevenueDto'];
        };
      };
    };
  };
  SalesController_settings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SalesSettingsDto'];
        };
      };
    };
  };
  SalesController_updateSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSalesSettingsDto'];
      };
    };
    responses: {
      /** @description Applies to sales recorded from now on */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SalesSettingsDto'];
        };
      };
    };
  };
  SalesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SaleDto'];
        };
      };
    };
  };
  ListingController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ListingDto'];
        };
      };
    };
  };
  ListingController_set: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetListingDto'];
      };
    };
    responses: {
      /** @description The state change is queued in the outbox (status queued, then confirmed) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ListingDto'];
        };
      };
    };
  };
  PurchasesController_purchases: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Orders the signed-in wallet placed or paid for, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PurchaseDto'][];
        };
      };
    };
  };
  PurchasesController_becomeBuyer: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller with the buyer role, which signing in on /market gives */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  FaucetController_grant: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FaucetRequestDto'];
      };
    };
    responses: {
      /** @description Gas (mined) and base tokens (queued) sent to the address; once per address per FAUCET_WINDOW_SECONDS */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FaucetGrantDto'];
        };
      };
    };
  };
  NodeRootController_root: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ocean Node's root; a browser (Accept preferring text/html) is sent to /label */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NodeRootDto'];
        };
      };
    };
  };
  ProviderController_nonce: {
    parameters: {
      query: {
        userAddress: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProviderNonceDto'];
        };
      };
    };
  };
  ProviderController_initialize: {
    parameters: {
      query: {
        /** @description The asset DID */
        documentId: string;
        serviceId: string;
        consumerAddress: string;
        fileIndex?: string;
        userdata?: string;
        environment?: string;
        validUntil?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A provider fee for startOrder / buyFromFreAndOrder, signed by the provider key */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InitializeResultDto'];
        };
      };
    };
  };
  ProviderController_download: {
    parameters: {
      query: {
        documentId: string;
        serviceId: string;
        fileIndex: string;
        /** @description The order transaction */
        transferTxId: string;
        consumerAddress: string;
        /** @description Larger than the last nonce the consumer used */
        nonce: string;
        /** @description EIP-191 signature of keccak256(consumerAddress + nonce + "download") */
        signature: string;
        userdata?: string;
        policyServer?: string;
      };
      header?: {
        /** @description One byte range of the plaintext, e.g. bytes=1048576- to resume */
        Range?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file, decrypted (206 for a Range; 416 outside the file); refusals are 4xx plain text */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProviderController_encrypt: {
    parameters: {
      query: {
        chainId?: string;
        nonce: string;
        consumerAddress: string;
        /** @description EIP-191 signature of keccak256(consumerAddress + nonce + "encrypt") */
        signature: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description 0x + hex: the body ECIES-encrypted for the provider key (as a DDO `files` holds it) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProviderController_fileInfo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FileInfoRequestDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileInfoDto'][];
        };
      };
    };
  };
  HealthController_health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthDto'];
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every dependency answered */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
      /** @description A dependency is down or did not answer in time */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
    };
  };
  QualityController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Item statuses, agreement, confidence histogram and annotator quality */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectQualityDto'];
        };
      };
    };
  };
  QualityController_aggregate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Aggregates the project now and answers the new numbers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectQualityDto'];
        };
      };
    };
  };
  QualityController_qualifications: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Annotators' qualification verdicts, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QualificationDto'][];
        };
      };
    };
  };
  QualityController_resetQualification: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        annotatorId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The annotator may take the qualification again (withdrawn labels stay withdrawn) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SuspensionsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuspensionDto'][];
        };
      };
    };
  };
  SuspensionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSuspensionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuspensionDto'];
        };
      };
    };
  };
  SuspensionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuspensionDto'];
        };
      };
    };
  };
  SuspensionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSuspensionDto'];
      };
    };
    responses: {
      /** @description Lifts the suspension ({active: false}); discarded labels stay discarded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuspensionDto'];
        };
      };
    };
  };
  ReviewsController_queue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Least confident first; filter {projectId}. Items the caller labelled are not offered (they may not decide them). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewItemDto'][];
        };
      };
    };
  };
  ReviewsController_decide: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        itemId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReviewDecisionDto'];
      };
    };
    responses: {
      /** @description Decision recorded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewDecidedDto'];
        };
      };
      /** @description REVIEW_OWN_LABEL: the caller labelled this item */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description REVIEW_NOT_PENDING: the item is not waiting for review (or another reviewer decided it first) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnnotatorQualityController_get: {
    parameters: {
      query?: {
        /** @description Limits days and confusion matrices to one project */
        projectId?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Per-project scores, accuracy per day, confusion matrices (classification) and suspension history */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnotatorQualityDto'];
        };
      };
    };
  };
  MySuspensionController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyStandingDto'];
        };
      };
    };
  };
  MySuspensionController_requestReview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RequestReviewDto'];
      };
    };
    responses: {
      /** @description Asks an admin to look at the suspension again (404 when not suspended) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyStandingDto'];
        };
      };
    };
  };
}
