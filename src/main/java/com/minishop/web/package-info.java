/**
 * What every HTTP resource shares: the JSON error body, the exception types services throw to mean a
 * client error (they carry status, code and the offending field), the mappers that turn every failure
 * into a JSON answer without a stack trace, HTTP Basic authentication of the admin API, the refusal of
 * state-changing admin requests a browser sends from another site, and the security headers on every
 * answer of the WAR (the console's files and the API).
 */
package com.minishop.web;
