/* global document, window, fetch, URL */
/*
 * Forms marked data-api-action send their fields as JSON to the API with the page's session
 * and its CSRF token, then reload (or follow data-done). The API's problem+json field errors
 * are shown beside the matching inputs, so its validation is the only validation.
 * Field names with dots nest ("scheduled.start"); data-type="number" and data-type="list"
 * (comma or line separated) convert; empty fields are left out. A datetime-local value is sent
 * as typed: the server reads a time without an offset on the clinic's clock, never the browser's.
 */
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');

  function setPath(target, path, value) {
    var parts = path.split('.');
    var node = target;
    // "evidence.0.page" builds an array under evidence.
    for (var i = 0; i < parts.length - 1; i++)
      node = node[parts[i]] = node[parts[i]] || (/^\d+$/.test(parts[i + 1]) ? [] : {});
    node[parts[parts.length - 1]] = value;
  }

  // The page as it stands now, without the notice of an earlier change (it would seem to speak of this one).
  function reloadWithoutNotice() {
    var url = new URL(window.location.href);
    url.searchParams.delete('notice');
    if (url.href === window.location.href) window.location.reload();
    else window.location.assign(url.href);
  }

  function bodyOf(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      // Names starting with _ are for the page without script (the CSRF token, the week shown).
      if (!el.name || el.disabled || el.name.charAt(0) === '_') return;
      // A button counts only when pressed (the submitter), as in a plain form.
      if (el.type === 'submit' || el.type === 'button') return;
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
      // A row's companion field (a weekday beside an empty start time) goes only with it.
      var companion = el.getAttribute('data-only-with');
      if (companion && !(form.elements[companion] && form.elements[companion].value.trim())) return;
      var value = el.value.trim();
      if (value === '') return;
      var type = el.getAttribute('data-type');
      if (type === 'number') value = Number(value);
      else if (type === 'list')
        value = value
          .split(/[\n,]+/)
          .map(function (s) {
            return s.trim();
          })
          .filter(Boolean);
      if (el.multiple)
        value = Array.prototype.filter
          .call(el.options, function (o) {
            return o.selected;
          })
          .map(function (o) {
            return o.value;
          });
      if (el.getAttribute('data-many') !== null) {
        var list = (body[el.name] = body[el.name] || []);
        list.push(value);
        return;
      }
      setPath(body, el.name, value);
    });
    return compact(body);
  }

  /** Rows left out leave holes in their arrays; the API wants dense lists. */
  function compact(value) {
    if (Array.isArray(value))
      return value
        .filter(function (v) {
          return v !== undefined;
        })
        .map(compact);
    if (value && typeof value === 'object')
      Object.keys(value).forEach(function (k) {
        value[k] = compact(value[k]);
      });
    return value;
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.error[data-api-error]'), function (e) {
      e.remove();
    });
    Array.prototype.forEach.call(form.querySelectorAll('[data-api-when]'), function (e) {
      e.hidden = true;
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid="true"]'), function (el) {
      el.removeAttribute('aria-invalid');
      var d = (el.getAttribute('aria-describedby') || '')
        .split(' ')
        .filter(function (id) {
          return !/-error$/.test(id);
        })
        .join(' ');
      if (d) el.setAttribute('aria-describedby', d);
      else el.removeAttribute('aria-describedby');
    });
  }

  /**
   * A refusal whose problems name what is missing elsewhere (data-api-when="CODE"): listed in that
   * block, which is shown with what it offers (a draft instead), rather than beside inputs.
   */
  function showList(form, problem) {
    var block = problem.code && form.querySelector('[data-api-when="' + problem.code + '"]');
    if (!block) return false;
    var list = block.querySelector('[data-api-list]');
    list.textContent = '';
    (problem.errors || []).forEach(function (e) {
      var item = document.createElement('li');
      item.textContent = e.message;
      list.appendChild(item);
    });
    block.hidden = false;
    return true;
  }

  function showErrors(form, problem) {
    var summary = form.querySelector('[data-api-summary]');
    var unplaced = [];
    var listed = showList(form, problem);
    (listed ? [] : problem.errors || []).forEach(function (e) {
      var name = String(e.field || '')
        .replace(/^body\./, '')
        .replace(/\.\d+$/, '');
      var el = form.querySelector('[name="' + name + '"]');
      if (!el) {
        unplaced.push(e.message);
        return;
      }
      var id = (el.id || name.replace(/\W/g, '-')) + '-error';
      var span = document.createElement('span');
      span.className = 'error';
      span.id = id;
      span.setAttribute('data-api-error', '');
      span.textContent = e.message.charAt(0).toUpperCase() + e.message.slice(1);
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', ((el.getAttribute('aria-describedby') || '') + ' ' + id).trim());
      el.insertAdjacentElement('afterend', span);
    });
    if (summary) {
      summary.textContent = [problem.detail || 'The request was refused.'].concat(unplaced).join(' ');
      summary.hidden = false;
      summary.focus();
    }
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var action = form.getAttribute('data-api-action');
    if (!action) return;
    event.preventDefault();
    // The button pressed may carry a value of its own ("Generate a draft instead": draft=true).
    var submitter = event.submitter;
    var body = bodyOf(form);
    if (submitter && submitter.name) body[submitter.name] = submitter.value;
    clearErrors(form);
    var button = submitter || form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    fetch(action, {
      method: form.getAttribute('data-api-method') || 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
    })
      .then(function (res) {
        if (res.ok) {
          var done = form.getAttribute('data-done');
          if (done) window.location.assign(done);
          else reloadWithoutNotice();
          return null;
        }
        if (res.status === 401)
          return showErrors(form, {
            detail:
              'Your sign-in has expired. Reload the page to sign in again; what you typed here is still in the form.',
          });
        return res
          .json()
          .catch(function () {
            return { detail: 'The request failed (' + res.status + ').' };
          })
          .then(function (problem) {
            showErrors(form, problem);
          });
      })
      .catch(function () {
        showErrors(form, { detail: 'The service could not be reached. Try again.' });
      })
      .finally(function () {
        if (button) button.disabled = false;
      });
  });
})();
