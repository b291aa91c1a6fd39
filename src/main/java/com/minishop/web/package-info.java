/**
 * What every HTTP resource shares: the JSON error body, the exception types services throw to mean a
 * client error (they carry status, code and the offending field), the mappers that turn every failure
 * into a JSON answer without a stack trace, and HTTP Basic authentication of the admin API.
 */
package com.minishop.web;
