// Starts GOV.UK Frontend's components (error summary focus, radios, checkboxes, skip link, service navigation).
// A file rather than an inline script, so the content security policy needs no exception for it.
import { initAll } from './govuk-frontend.min.js'

initAll()
