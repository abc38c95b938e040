/** Shown wherever an account is added (CLI, admin API, UI), before the user signs in. */
export const googleAccountsNotice =
  'Notice: Skyport uses Google accounts through Google\'s Cloud Code API, the way Google\'s own coding tools do, ' +
  'but Skyport is not made or endorsed by Google. Using Google accounts through third-party tools may break ' +
  'the provider\'s terms of service, and Google may restrict or suspend accounts used this way. ' +
  'Add only accounts you own and accept that risk for.';
